package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names the kernel gets as the guard decided them, per file name encoding. */
class KernelNamesTest {
    private static final KernelNames UTF8 = new KernelNames("UTF-8");
    private static final KernelNames ASCII = new KernelNames("ANSI_X3.4-1968");
    private static final KernelNames UNKNOWN = new KernelNames("no-such-charset");

    @Test
    void asciiIsDecidedInEveryEncoding() {
        for (KernelNames names : new KernelNames[] {UTF8, ASCII, UNKNOWN}) {
            assertThat(names.refusal("/w/out/K?/x..y")).isNull();
        }
    }

    @Test
    void aLetterTheEncodingHasIsDecided() {
        assertThat(UTF8.refusal("/w/out/K\u00e9")).isNull();
    }

    @Test
    void aLetterTheEncodingLacksIsRefused() {
        assertThat(ASCII.refusal("/w/out/K\u00e9")).isNotNull();
        assertThat(UNKNOWN.refusal("/w/out/K\u00e9")).isNotNull();
    }

    @Test
    void anUnpairedSurrogateOrTheReplacementCharacterIsRefused() {
        assertThat(UTF8.refusal("/w/out/K\ud800")).isNotNull();
        assertThat(UTF8.refusal("/w/out/K\udc00x")).isNotNull();
        assertThat(UTF8.refusal("/w/out/L\uFFFD")).isNotNull();
        assertThat(UTF8.refusal("/w/out/K\ud800").rule()).isEqualTo("undecidable");
        assertThat(UTF8.refusal("/w/\ud83d\ude00")).as("a paired surrogate is a real letter").isNull();
    }
}
