package dev.agentguard.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written SHA-256 against the JDK's, on every length around the block and padding edges. */
class Sha256Test {
    @Test
    void knownAnswers() {
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc".getBytes()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sameAsMessageDigestForLengthsZeroTo300AndLargeInputs() throws Exception {
        Random random = new Random(16);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int length = 0; length <= 300; length++) {
            assertSame(jdk, random, length);
        }
        for (int length : new int[] {4095, 4096, 65_537, 1_000_003}) {
            assertSame(jdk, random, length);
        }
    }

    private static void assertSame(MessageDigest jdk, Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        assertThat(Sha256.hex(data)).as("length %d", length).isEqualTo(HexFormat.of().formatHex(jdk.digest(data)));
    }
}
