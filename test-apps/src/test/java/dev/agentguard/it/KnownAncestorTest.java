package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack on the remembered objects ({@code KnownAncestorAttack}): a granted file read through
 * {@code work/pub/d/f}, whose folder is then moved to {@code work/sec} (writable, not readable) and reached
 * through the same path by a link renamed onto {@code pub/d}. The file itself is unchanged (an ancestor's
 * rename leaves its ctime), so the memory finds it; decided afresh, its real form {@code work/sec/d/f} is not
 * granted. The bytes are those read while granted (unchanged ctime, unchanged content): the decision, not the
 * data, differs.
 */
class KnownAncestorTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @Disabled("issue 13 (a trade-off kernel-objects.md states, 'An ancestor renamed after the decision'): KnownObjects keys a decision by (object, ctime, given path), but the decision is on the given"
            + " path and the real form, and an ancestor folder's rename changes the real form without the file's ctime;"
            + " seen allowed on JDK 17 and 25 (open and Files.size). Fix: keep the real form in the entry and compare it"
            + " on a hit (readlink of the descriptor for an open; the query's real form), caching only the policy walk")
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aFileWhoseFolderMovedOutOfTheGrantIsDecidedAgain(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Files.createDirectories(work.resolve("pub/d"));
        Files.createDirectories(work.resolve("sec"));
        Files.writeString(work.resolve("pub/d/f"), "granted\n");
        Files.createSymbolicLink(work.resolve("pub/lk"), Path.of("../sec/d"));
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/pub/**\"]",
                "  write: [\"" + work + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .run("dev.agentguard.apps.attacks.KnownAncestorAttack", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).contains("DONE").contains("CASE before ok granted")
                .contains("CASE direct denied").contains("CASE after denied").contains("CASE after-size denied");
    }
}
