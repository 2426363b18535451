package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, items 5 and 7: a relative link is judged on what it reaches when it is used, not where it was
 * made. A link created deep in the write grant and moved shallower, and a planted link inside a folder moved
 * under an open {@code SecureDirectoryStream}, both climb to a secret; every read and write through them is
 * denied, on JDK 17 and 25, and the secret is checked from outside: never shown, never changed.
 */
class MovedLinkTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRelativeLinkMovedShallowerIsJudgedOnWhatItReachesThen(int jdk) throws Exception {
        Setup setup = new Setup(tmp.toRealPath(), false);
        ChildJvm.Result result = setup.run(jdk, "move-link");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).contains("STEP create-link ok", "STEP move-link ok")
                .contains("ACCESS read-io denied", "ACCESS read-nio denied", "ACCESS write-io denied",
                        "ACCESS write-nio denied");
        setup.assertSecretUntouched(result);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aDirectoryStreamIsJudgedWhereItsFolderIsNow(int jdk) throws Exception {
        Setup setup = new Setup(tmp.toRealPath(), true);
        ChildJvm.Result result = setup.run(jdk, "stream");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).contains("STEP move-folder ok")
                .contains("ACCESS stream-read denied", "ACCESS stream-write denied");
        setup.assertSecretUntouched(result);
    }

    /** root/work/out/a/b; the secret at root/.ssh/id_rsa, two folders above out. */
    private static final class Setup {
        final Path root;
        final Path out;
        final Path secret;
        final Path policy;
        final String canary = "moved-link-canary-" + System.nanoTime();

        Setup(Path root, boolean plantLink) throws Exception {
            this.root = root;
            Path work = Files.createDirectories(root.resolve("work"));
            out = Files.createDirectories(work.resolve("out"));
            Path deep = Files.createDirectories(out.resolve("a/b"));
            if (plantLink) {
                // From out/a/b it reaches work/.ssh/id_rsa (granted, missing); from out/b, root/.ssh/id_rsa.
                Files.createSymbolicLink(deep.resolve("l"), Path.of("../../../.ssh/id_rsa"));
            }
            secret = Files.writeString(Files.createDirectories(root.resolve(".ssh")).resolve("id_rsa"), canary);
            policy = root.resolve("policy.yaml");
            Files.writeString(policy, String.join("\n",
                    "version: 1",
                    "mode: enforce",
                    "audit: {file: " + root.resolve("audit.jsonl") + "}",
                    "files:",
                    "  read: [\"" + work + "/**\"]",
                    "  write: [\"" + out + "/**\"]",
                    "  deny: [\"" + root.resolve(".ssh") + "/**\"]",
                    ""));
        }

        ChildJvm.Result run(int jdk, String part) throws Exception {
            return ChildJvm.on(jdk).agent(policy.toString()).workdir(root.resolve("work"))
                    .run("dev.agentguard.apps.attacks.MovedLinkAttack", out.toString(), part);
        }

        void assertSecretUntouched(ChildJvm.Result result) throws Exception {
            assertThat(result.stdout()).as(result.toString()).doesNotContain(canary).doesNotContain("LEAKED")
                    .doesNotContain("WROTE");
            assertThat(Files.readString(secret)).as("the secret\n" + result).isEqualTo(canary);
        }
    }
}
