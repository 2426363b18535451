package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack on the remembered objects ({@code KnownAncestorAttack}): a granted file read through
 * {@code work/pub/d/f}, whose folder is then moved to {@code work/sec} (writable, not readable) and reached
 * through the same path by a link renamed onto {@code pub/d}. The file itself is unchanged (an ancestor's
 * rename leaves its ctime), so the memory may still answer for it: that is the trade-off kernel-objects.md
 * states ("An ancestor renamed after the decision"), where only the decision differs, not the data. What this
 * test holds the memory to: such a read gives exactly the bytes read while granted, the file's own real form
 * is denied, and once the file changes (new bytes written into the folder not granted) it is decided again
 * and denied, by java.io and by a query. An exact decision would compare the remembered real form on each
 * hit (a {@code readlink} per open), which is what the memory exists to save.
 */
class KnownAncestorTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aFileWhoseFolderMovedOutOfTheGrantGivesOnlyTheBytesGrantedAndIsDecidedAgainOnceChanged(int jdk) throws Exception {
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
        String out = result.stdout();
        assertThat(out).as(result.toString()).contains("DONE").contains("CASE before ok granted")
                .contains("CASE direct denied")
                .contains("CASE after-write denied").contains("CASE after-write-size denied")
                .doesNotContain("changed-in-denied-folder");
        // Answered from memory or decided afresh: either the bytes read while granted, or a denial.
        assertThat(out.lines().filter(l -> l.startsWith("CASE after ")))
                .as(result.toString()).singleElement()
                .satisfies(l -> assertThat(l).isIn("CASE after ok granted", "CASE after denied"));
    }
}
