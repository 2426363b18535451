package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review: the swap race of item 4 ({@link SwapRaceTest}) against what was still decided on a path
 * the kernel resolves again after the check: {@code Files.delete}, {@code File.delete}, and a
 * {@code SecureDirectoryStream}'s {@code deleteFile} and {@code newByteChannel} on an entry below the stream's
 * folder ({@code d/file}). A second thread swaps {@code out/d} with a planted link to a folder outside the
 * grants by four allowed renames (attack program {@code ChangeSwapAttack}). Checked from outside: the outside
 * file still exists with its canary, and the canary never reached the program. Before the fix each of the
 * four won within 2000 attempts on JDK 17. A write open with {@code NOFOLLOW_LINKS} ({@code write-nofollow}) was
 * decided on one resolution and pinned on a second one, made after the decision: it wrote the outside file.
 * {@code Files.move} and {@code File.renameTo} of {@code d/file} into the grant moved the outside file in;
 * {@code Files.copy} copied it in; {@code Files.createDirectory(d/made)} made a folder outside. Issue 13d adds
 * one race per change that was not pinned yet: the attribute setters, the creates, links and a stream's move.
 */
class ChangeSwapTest {
    private static final List<String> KINDS = List.of("delete-nio", "delete-io", "delete-sds", "read-sds",
            "write-nofollow", "move-nio", "move-io", "copy-nio", "mkdir-nio");

    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapDeletesOrReadsOutside(int jdk) throws Exception {
        race(jdk, KINDS, false);
    }

    /**
     * The attribute setters ({@code Files.setPosixFilePermissions}, {@code setAttribute}, {@code setLastModifiedTime},
     * a view's {@code setTimes}, the {@code File.set*} methods, a {@code SecureDirectoryStream}'s views on an entry
     * {@code d/file}): before they were pinned, the outside file's mode
     * became 0777 hundreds of times in 2000 attempts on JDK 17. Checked from outside: its mode and modification
     * time are unchanged.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapChangesTheOutsideFilesAttributes(int jdk) throws Exception {
        race(jdk, List.of("chmod-nio", "setattr-nio", "times-nio", "view-nio", "chmod-io", "writable-io", "times-io",
                "chmod-sds", "times-sds"), true);
    }

    /**
     * The leaf itself swapped, not a folder: {@code d/file} and a planted link {@code d/lnk} to the outside file
     * trade names by allowed renames while the times of {@code d/file} are set (NIO, java.io, a
     * {@code SecureDirectoryStream}'s view). The decided leaf was no link, and the act on the pinned name does
     * not follow one swapped in since: the outside file's time is unchanged.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noLeafSwapChangesTheOutsideFilesTime(int jdk) throws Exception {
        race(jdk, List.of("leaf-times-nio", "leaf-times-io", "leaf-times-sds"), true);
    }

    /**
     * The leaf swapped while a mode change that follows a last link is made (issue 13, the gap left by 13d):
     * {@code Files.setPosixFilePermissions}, {@code Files.setAttribute("posix:permissions")}, a
     * {@code PosixFileAttributeView}'s {@code setPermissions}, and {@code File.setExecutable}/{@code setWritable}/
     * {@code setReadable}/{@code setReadOnly}. Pinned on the folder alone, {@code chmod} of
     * {@code /proc/self/fd/D/file} followed the link renamed onto {@code file} after the decision, and the outside
     * file's mode changed (2500 attempts per kind; it ended as --x--x--x on JDK 17, --------- on 25). Checked from outside: its mode is
     * unchanged, and each kind was made through the pin at least once.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noLeafSwapChangesTheOutsideFilesMode(int jdk) throws Exception {
        race(jdk, List.of("leaf-chmod-nio", "leaf-setattr-nio", "leaf-view-nio", "leaf-executable-io",
                "leaf-writable-io", "leaf-readable-io", "leaf-readonly-io"), true);
    }

    /**
     * What makes a new name ({@code File.createNewFile}, {@code mkdir}, {@code File.createTempFile},
     * {@code Files.createTempFile}/{@code createTempDirectory}, {@code createSymbolicLink}), a hard link of
     * {@code d/file} made in the grant, and a {@code SecureDirectoryStream}'s move of {@code d/file} into the
     * grant: nothing is made in the outside folder, and its file is never linked or moved in.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapCreatesLinksOrMovesOutside(int jdk) throws Exception {
        race(jdk, List.of("createnew-io", "mkdir-io", "temp-io", "temp-nio", "tempdir-nio", "symlink-nio", "link-nio",
                "move-sds"), true);
    }

    /**
     * Runs the race for {@code kinds} and checks the outcome from outside. {@code mustAct}: each kind must also
     * have been allowed at least once (the act works through the pin). The delete and move kinds leave
     * {@code d/file} missing for most of the kinds after them, so they are not held to it.
     */
    private void race(int jdk, List<String> kinds, boolean mustAct) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(Files.createDirectories(out.resolve("d")).resolve("file"), "harmless");
        Path outside = Files.createDirectories(root.resolve("outside"));
        String canary = "change-swap-canary-" + System.nanoTime();
        Files.writeString(outside.resolve("file"), canary);
        Files.setPosixFilePermissions(outside.resolve("file"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(out.resolve("d").resolve("lnk"), outside.resolve("file"));
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(outside.resolve("file"));
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
        List<String> args = new ArrayList<>(List.of(out.toString(), "2500", "6000"));
        args.addAll(kinds);
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.ChangeSwapAttack", args.toArray(new String[0]));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain(canary).doesNotContain("LEAKED")
                .doesNotContain("SWAPPER").doesNotContain("NO-SECURE-STREAM");
        for (String kind : kinds) {
            String line = result.lines().stream().filter(l -> l.startsWith("RESULT " + kind + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + kind + "\n" + result));
            assertThat(line).as("the swapper ran during " + kind).doesNotContain("swaps=0 ").doesNotEndWith("swaps=0");
            assertThat(line).as("attempts were made: " + kind).doesNotContain("attempts=0 ");
            if (mustAct) {
                assertThat(line).as("the act works through the pin: " + kind + "\n" + result).doesNotContain("allowed=0 ");
            }
            System.out.println("JDK " + jdk + ": " + line);
        }
        assertThat(outside.resolve("file")).as("the outside file survives\n" + result).exists();
        assertThat(Files.getPosixFilePermissions(outside.resolve("file"))).as("the outside file's mode\n" + result)
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getLastModifiedTime(outside.resolve("file"))).as("the outside file's time\n" + result)
                .isEqualTo(modified);
        assertThat(Files.readString(outside.resolve("file"))).as("the outside file\n" + result).isEqualTo(canary);
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).as(result.toString())
                    .containsExactly("file");
        }
    }
}
