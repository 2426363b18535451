package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.attacks.KernelObjectAttack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, the names part: the guard decides on the object the kernel opens, not on a name that the JDK
 * hands the kernel differently. Each attack runs in a child JVM under the guard (JDK 17 and 25) with an
 * ordinary policy (read the work directory, write its out/, run the granted git status); the effect is judged
 * from outside: the canary's bytes never reach the child, no foreign program ran.
 */
class KernelObjectTest {
    private static final String ATTACK = KernelObjectAttack.class.getName();
    /** Bounded race loops: thousands of attempts each. */
    private static final int COPIES = 3000;
    private static final int STARTS = 1500;

    @TempDir
    Path tmp;
    private Path work;
    private Path out;
    private Path outside;
    private Path policy;
    private String canary;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @BeforeEach
    void world() throws Exception {
        Path root = tmp.toRealPath();
        work = Files.createDirectories(root.resolve("work"));
        out = Files.createDirectories(work.resolve("out"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(outside.resolve("markers"));
        canary = "canary-" + System.nanoTime();
        Path secret = Files.writeString(outside.resolve("secret.txt"), canary + "\n");
        Path git = Files.writeString(Files.createDirectories(work.resolve("bin")).resolve("git"),
                "#!/bin/sh\necho harmless git\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Planted as a cloned repository can carry them: a link named as java.io spells K\u00e9 under LANG=C,
        // and a name whose bytes are not valid UTF-8.
        Files.createSymbolicLink(out.resolve("K?"), secret);
        sh("ln -s \"$0\" \"$(printf 'L\\377')\"", secret.toString());
        Files.createSymbolicLink(out.resolve("link"), secret);
        // The exec race: X holds a link to the granted git, B a program of the application's own.
        Files.createSymbolicLink(Files.createDirectories(out.resolve("X")).resolve("git"), git);
        Path other = Files.writeString(Files.createDirectories(out.resolve("B")).resolve("git"),
                "#!/bin/sh\necho other program ran > '" + outside.resolve("markers/other-ran") + "'\necho other\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        policy = Files.writeString(root.resolve("policy.yaml"), String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\"]",
                "process:",
                "  exec: [[\"" + git + "\", \"status\"]]",
                ""));
    }

    private void sh(String script, String arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script, arg).directory(out.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    private ChildJvm.Result attack(int jdk, String locale, String... args) throws Exception {
        return ChildJvm.on(jdk).agent(policy.toString()).workdir(work).env("LANG", locale).env("LC_ALL", locale)
                .timeout(300).run(ATTACK, args);
    }

    @AfterEach
    void removeDeepFolders() throws Exception {
        // JUnit cannot delete a tree deeper than PATH_MAX by path; rm works its way down.
        new ProcessBuilder("rm", "-rf", "work").directory(tmp.toFile()).inheritIO().start().waitFor();
    }

    /**
     * A working directory of about 4000 bytes, and a link just below it: the guard's absolute form of the short
     * relative path is 4096 bytes or more, which it cannot resolve ("File name too long"), while the kernel
     * resolves the relative path from the working directory, through the link. Undecidable: denied.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aPathTooLongForTheGuardToResolveIsDenied(int jdk) throws Exception {
        String name = "d".repeat(200);
        Path deep = work;
        while (deep.toString().length() + 201 < 4090) {
            deep = deep.resolve(name);
        }
        Files.createDirectories(deep);
        Process p = new ProcessBuilder("sh", "-c", "mkdir " + name + " && cd -P " + name + " && ln -s \"$0\" key",
                outside.resolve("secret.txt").toString()).directory(deep.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(deep).timeout(300)
                .run(ATTACK, "read", name + "/key");
        assertThat(r.stdout()).as(r.toString()).doesNotContain(canary).contains("RESULT read denied");
        // Denied either as undecidable (the real form cannot be found from the name) or, since opens are decided
        // on the descriptor, on the object the kernel opened: the canary outside the grant. Never allowed.
        AuditLogFile audit = AuditLogFile.read(tmp.toRealPath().resolve("audit.jsonl"));
        assertThat(audit.where("deny", "file")).as(audit.records().toString())
                .anySatisfy(d -> assertThat(d.path("target").asText()).endsWith("/" + name + "/key"));
        assertThat(audit.where("allow", "file")).as(audit.records().toString())
                .noneSatisfy(a -> assertThat(a.path("target").asText()).endsWith("/key"));
    }

    /**
     * java.io puts '?' for what sun.jnu.encoding cannot encode (any non-ASCII letter under LANG=C, an unpaired
     * surrogate anywhere), and NIO lists undecodable bytes as U+FFFD: each named the planted link to the canary.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aNameTheKernelWouldGetOtherwiseIsDenied(int jdk) throws Exception {
        for (String locale : new String[] {"C", "C.UTF-8"}) {
            ChildJvm.Result r = attack(jdk, locale, "encoding", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).doesNotContain(canary).doesNotContain("LEAKED").contains("LISTED 1");
            List<String> results = r.lines().stream().filter(l -> l.startsWith("RESULT ")).toList();
            assertThat(results).as(r.toString()).hasSize(6)
                    .allMatch(l -> l.endsWith(" denied") || l.contains(" error "), "denied or failed");
            // The unpaired surrogate is '?' in every locale, and the listed name is U+FFFD: denied, not missing.
            assertThat(results).as(r.toString()).contains("RESULT io-surrogate denied", "RESULT listed-nio denied",
                    "RESULT listed-io denied");
            if (locale.equals("C")) {
                assertThat(results).as(r.toString()).contains("RESULT io-letter denied");
            }
            // A query is answered "absent", as for any denied query: not the planted link's "true".
            assertThat(r.lines().stream().filter(l -> l.startsWith("QUERY ")).toList()).as(r.toString())
                    .containsExactly("QUERY io-letter false", "QUERY io-surrogate false");
        }
    }

    /** CopyOption[] held by the application: flipped after the check, it used to make the JDK follow the link. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCopyOptionFlippedByAnotherThreadIsNotWhatTheJdkReads(int jdk) throws Exception {
        ChildJvm.Result r = attack(jdk, "C.UTF-8", "copy-race", out.toString(), Integer.toString(COPIES));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain(canary).contains("RACE copy attempts=" + COPIES + " won=0");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(canary);
            }
        }
    }

    /**
     * The granted out/X/git status, while another thread swaps X by renames: the JDK executes the program the
     * guard resolved, so the other program never runs.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aSwappedFolderCannotRunAnotherProgramUnderTheGrantedName(int jdk) throws Exception {
        ChildJvm.Result r = attack(jdk, "C.UTF-8", "exec-race", out.toString(), Integer.toString(STARTS));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(outside.resolve("markers/other-ran")).as(r.toString()).doesNotExist();
        assertThat(r.stdout()).as(r.toString()).doesNotContain("OTHER").doesNotContain("SWAP-ERROR")
                .contains("RACE exec attempts=" + STARTS);
        String race = r.lines().stream().filter(l -> l.startsWith("RACE exec")).findFirst().orElseThrow();
        assertThat(race).as("the granted program still runs").doesNotContain("granted-ran=0 ");
    }
}
