package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review, hole 1: a listing decided on the real form, after which the JDK opened the name again.
 * A second thread swaps {@code out/d} with a planted link to a folder outside the grants by four allowed
 * renames ({@code ChangeSwapAttack}, kinds {@code list-io}: {@code File.list}, and {@code list-nio}:
 * {@code Files.list}). The outside folder holds a file whose name is a canary; it must never be listed.
 * Before the fix both listed it within a few hundred attempts on JDK 17.
 */
class ListSwapTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapListsTheOutsideFolder(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(Files.createDirectories(out.resolve("d")).resolve("file"), "harmless");
        Path outside = Files.createDirectories(root.resolve("outside"));
        String canary = "list-swap-canary-" + System.nanoTime();
        Files.writeString(outside.resolve("file"), "outside");
        Files.writeString(outside.resolve(canary), "outside");
        Files.createSymbolicLink(out.resolve("alt"), outside);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.ChangeSwapAttack", out.toString(), "3000", "6000", "list-io",
                        "list-nio");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain(canary).doesNotContain("LEAKED")
                .doesNotContain("SWAPPER").doesNotContain("NO-SECURE-STREAM");
        for (String kind : new String[] {"list-io", "list-nio"}) {
            String line = result.lines().stream().filter(l -> l.startsWith("RESULT " + kind + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + kind + "\n" + result));
            assertThat(line).as("the swapper ran during " + kind).doesNotContain("swaps=0 ").doesNotEndWith("swaps=0");
            assertThat(line).as("listings were allowed: " + kind).doesNotContain("allowed=0 ");
        }
    }
}
