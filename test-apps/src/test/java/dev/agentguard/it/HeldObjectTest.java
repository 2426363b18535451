package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack pass (helper E): what the application keeps after the guard decided it once
 * ({@code HeldObjectAttack}), and the stack's end ({@code StackEdgeAttack}). Under the ordinary policy (read
 * the work folder, write {@code out/}, deny {@code ~/.ssh/**} and {@code .env}), with links planted in
 * {@code out/} as a cloned repository can carry them. Effects are checked from outside the child JVM: the
 * files the attacks write with what they read, and the outside file that must keep its content.
 */
class HeldObjectTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    private Path root;
    private Path work;
    private Path out;
    private Path outside;
    private Path key;
    private Path policy;
    private String canary;

    private void plant() throws Exception {
        root = tmp.toRealPath();
        work = Files.createDirectories(root.resolve("work"));
        out = Files.createDirectories(work.resolve("out"));
        outside = Files.createDirectories(root.resolve("outside"));
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        canary = "held-canary-" + System.nanoTime();
        key = home.resolve(".ssh/id_rsa");
        Files.writeString(key, "ssh-" + canary + "\n");
        Files.writeString(outside.resolve("target.txt"), "ORIGINAL");
        Files.writeString(work.resolve("granted.txt"), "granted\n");
        Files.createSymbolicLink(out.resolve("ssh-link"), key);
        Files.createSymbolicLink(out.resolve("ssh-link2"), key);
        Files.createSymbolicLink(out.resolve("dir-link"), outside);
        Files.createSymbolicLink(out.resolve("target-link"), outside.resolve("target.txt"));
        Files.createSymbolicLink(out.resolve("target-link2"), outside.resolve("target.txt"));
        policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\"]",
                "process:",
                "  exec:",
                "    - [\"echo\", \"**\"]",
                ""));
    }

    private ChildJvm child(int jdk) {
        return ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(240)
                .env("HOME", root.resolve("home").toString())
                .option("-Duser.home=" + root.resolve("home"))
                .option("-Dag.outside=" + outside);
    }

    /**
     * An attribute view (of the provider, or of a SecureDirectoryStream) decided on a granted file, which two
     * allowed moves then replace with the planted link to the key: the view's reads (size, permissions, an
     * extended attribute) must be decided on what they read then, not answered about the key.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aKeptAttributeViewReadsNothingOfADeniedFile(int jdk) throws Exception {
        plant();
        Files.getFileAttributeView(key, UserDefinedFileAttributeView.class)
                .write("user.canary", ByteBuffer.wrap(("xattr-" + canary).getBytes(StandardCharsets.UTF_8)));
        ChildJvm.Result result = child(jdk).run("dev.agentguard.apps.attacks.HeldObjectAttack", work.toString(),
                "view-swap", "stream-view-swap");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(out.resolve("xattr-leak.txt")).as(result.toString()).doesNotExist();
        assertThat(out.resolve("stream-size-leak.txt")).as(result.toString()).doesNotExist();
        assertThat(result.stdout()).as(result.toString())
                .contains("RESULT view-swap basic-denied posix-denied xattr-denied")
                .contains("RESULT stream-view-swap basic-denied posix-denied")
                .doesNotContain(canary);
    }

    /**
     * What held: a redirect of a granted program's output to the outside file (directly or through the
     * planted link), {@code Files.copy} with REPLACE_EXISTING onto the planted link (the link is replaced, not
     * followed), and a {@code deleteOnExit} whose folder became a link to the outside folder before the exit.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void redirectsCopiesAndExitDeletesChangeNothingOutside(int jdk) throws Exception {
        plant();
        ChildJvm.Result result = child(jdk).run("dev.agentguard.apps.attacks.HeldObjectAttack", work.toString(),
                "redirect", "copy-replace", "delete-on-exit");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString())
                .contains("RESULT redirect denied denied denied denied")
                .contains("RESULT delete-on-exit registered");
        assertThat(outside.resolve("target.txt")).as(result.toString()).hasContent("ORIGINAL");
        assertThat(Files.isSymbolicLink(out.resolve("target-link"))).as("replaced by the copy").isFalse();
    }

    /**
     * The check after a read open, and the close on its denial, run on the stack the caller left: opened at
     * every depth up from the stack's end, a planted link to the key must never leave an open descriptor in
     * the half-made stream that a finalizer could read (FileInputStream and RandomAccessFile subclasses).
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theStacksEndLeavesNoOpenDescriptor(int jdk) throws Exception {
        plant();
        for (String kind : new String[] {"stream", "raf"}) {
            Path leak = out.resolve("leak-" + kind + ".txt");
            ChildJvm.Result result = child(jdk).run("dev.agentguard.apps.attacks.StackEdgeAttack", kind,
                    out.resolve("ssh-link").toString(), leak.toString(), "2");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(leak).as(result.toString()).doesNotExist();
            assertThat(result.stdout()).as(result.toString()).contains("HELD " + kind).doesNotContain(canary);
        }
    }
}
