package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review, hole 4: a Unix domain socket connect was decided on the name, and the JDK connected by the
 * name again. A second thread swaps {@code out/d} with a planted link to a folder outside the grants by four
 * allowed renames ({@code ChangeSwapAttack}, kind {@code connect-unix}) while the program connects to the
 * granted {@code out/d/s.sock}. This test JVM serves both {@code out/d/s.sock} and {@code outside/s.sock};
 * the outside one must never be reached. Before the fix it was, within a few hundred connects on JDK 17.
 */
class UnixSocketSwapTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapConnectsToTheOutsideSocket(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path d = Files.createDirectories(out.resolve("d"));
        Files.writeString(d.resolve("file"), "harmless");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path markers = Files.createDirectories(root.resolve("markers"));
        UnixSocketServer.start(d.resolve("s.sock"), markers.resolve("granted"));
        UnixSocketServer.start(outside.resolve("s.sock"), markers.resolve("outside"));
        Files.createSymbolicLink(out.resolve("alt"), outside);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                "network:",
                "  connect: [\"unix:" + out + "/d/s.sock\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.ChangeSwapAttack", out.toString(), "3000", "6000",
                        "connect-unix");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain("LEAKED").doesNotContain("SWAPPER");
        String line = result.lines().stream().filter(l -> l.startsWith("RESULT connect-unix ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result\n" + result));
        assertThat(line).as("the swapper ran").doesNotContain("swaps=0 ").doesNotEndWith("swaps=0");
        assertThat(line).as("connects were allowed").doesNotContain("allowed=0 ");
        assertThat(markers.resolve("granted")).as("the granted socket was reached\n" + result).exists();
        assertThat(markers.resolve("outside")).as("the outside socket was reached\n" + result).doesNotExist();
    }

    /**
     * The bind (issue 13, the gap left open by the review): {@code out/d} swapped as above while the program binds
     * new names {@code out/d/bN.sock} (kind {@code bind-unix}). Decided on the name and bound by the name again,
     * a socket file appeared in the outside folder. Checked from outside: no socket file there, and socket files
     * in {@code out/d}; checked inside: the server's and an accepted channel's local address are the name the
     * program asked for, not the {@code /proc/self/fd} text the guard binds through.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapBindsInTheOutsideFolder(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path d = Files.createDirectories(out.resolve("d"));
        Files.writeString(d.resolve("file"), "harmless");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("file"), "outside");
        Files.createSymbolicLink(out.resolve("alt"), outside);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                "network:",
                "  listen: [\"unix:" + out + "/d/*.sock\"]",
                "  connect: [\"unix:" + out + "/d/*.sock\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.ChangeSwapAttack", out.toString(), "3000", "8000", "bind-unix");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain("ADDRESS").doesNotContain("SWAPPER");
        String line = result.lines().stream().filter(l -> l.startsWith("RESULT bind-unix ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result\n" + result));
        System.out.println("JDK " + jdk + ": " + line);
        assertThat(line).as("the swapper ran").doesNotContain("swaps=0 ");
        assertThat(line).as("binds were allowed").doesNotContain("allowed=0 ");
        assertThat(line).as("accepted channels were looked at").doesNotEndWith("accepted=0");
        try (java.util.stream.Stream<Path> inside = Files.list(d)) {
            assertThat(inside.filter(p -> p.getFileName().toString().endsWith(".sock")).count())
                    .as("socket files in the granted folder\n" + result).isPositive();
        }
        try (java.util.stream.Stream<Path> entries = Files.list(outside)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .as("nothing was bound in the outside folder\n" + result).containsExactly("file");
        }
    }

    /**
     * What the application sees of a pinned bind: a relative name is bound in the folder decided and its local
     * address is the relative name it asked for; a last name so long that {@code /proc/self/fd/D/} plus it does
     * not fit a socket address (107 bytes), though the caller's own relative name does, is denied (rule
     * {@code undecidable}) and no socket file is made, rather than bound by the name again.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aPinnedBindKeepsTheCallersNameAndDeniesWhatCannotBePinned(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path s = Files.createDirectories(work.resolve("s"));
        String longLeaf = "l".repeat(95) + ".sock";
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "network:",
                "  listen: [\"unix:" + s + "/*\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(60)
                .run("dev.agentguard.apps.attacks.UnixBindNames", "s/short.sock", "s/" + longLeaf);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString())
                .contains("BOUND s/short.sock local=s/short.sock")
                .contains("DENIED s/" + longLeaf);
        assertThat(s.resolve("short.sock")).as(result.toString()).exists();
        assertThat(s.resolve(longLeaf)).as(result.toString()).doesNotExist();
    }
}
