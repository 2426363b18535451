package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack on the pinned Unix bind ({@code BoundSockets}): binds of the same last name in 40 different
 * granted folders, one after another, each socket closed before the next ({@code UnixBindReuse}). The texts the
 * guard binds through ({@code /proc/self/fd/D/s.sock}) are kept for their first name for the JVM's life and a
 * bind tries 16 descriptor numbers: every one of the 40 must still bind, with its own name as local address,
 * and its socket file must be in its own folder.
 */
class UnixBindReuseTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void manyFoldersBindTheSameLastName(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                "network:",
                "  listen: [\"unix:" + out + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .run("dev.agentguard.apps.attacks.UnixBindReuse", out.toString(), "40");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).contains("DONE").doesNotContain("FAILED");
        for (int i = 0; i < 40; i++) {
            Path sock = out.resolve("d" + i).resolve("s.sock");
            assertThat(result.stdout()).as(result.toString()).contains("BOUND " + i + " local=" + sock);
            assertThat(sock).as(result.toString()).exists();
        }
    }
}
