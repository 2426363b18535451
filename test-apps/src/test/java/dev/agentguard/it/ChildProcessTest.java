package dev.agentguard.it;

import static dev.agentguard.it.GuardedChildren.alive;
import static dev.agentguard.it.GuardedChildren.pid;
import static dev.agentguard.it.GuardedChildren.reader;
import static dev.agentguard.it.GuardedChildren.run;
import static dev.agentguard.it.GuardedChildren.waitGone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A granted program is not a way out (issue 14), in child JVMs under -javaagent on JDK 17 and 25: variables
 * the application sets for a child, deny words in any position, a JVM child under the same guard, and the
 * lifecycle of children (time limit, killswitch, the JVM's exit). Effects are checked from outside: a marker
 * file that must not appear, a pid that must be gone, the audit log.
 */
class ChildProcessTest {
    private static final String PROBE = "dev.agentguard.apps.process.ChildProcessProbe";

    @TempDir
    Path dir;
    Path work;
    Path audit;
    Path stop;
    Path secret;

    static List<Arguments> jdks() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk));
        }
        return out;
    }

    static List<Arguments> jdksAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, "enforce"));
            out.add(Arguments.of(jdk, "audit"));
        }
        return out;
    }

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("README"), "hello");
        audit = dir.resolve("audit.jsonl");
        stop = dir.resolve("ks").resolve("STOP");
        Files.createDirectories(stop.getParent());
        secret = Files.writeString(Files.createDirectories(dir.resolve("home/.ssh")).resolve("id_rsa"), "KEY");
        run(work, "git", "init", "-q");
        run(work, "git", "add", "README");
    }

    private Path policy(String mode, int jdk, String extra) throws Exception {
        Path java = Jdks.java(jdk).toRealPath();
        Path p = dir.resolve("policy.yaml");
        Files.writeString(p, String.join("\n",
                "version: 1",
                "mode: " + mode,
                "audit: {file: " + audit + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + work + "/out/**\"]",
                "env: {read: [PATH]}",
                "process:",
                "  exec:",
                "    - [\"git\", \"**\"]",
                "    - {argv: [\"printenv\", \"**\"], env: [PAGER]}",
                "    - [\"" + java + "\", \"**\"]",
                "    - {argv: [\"sleep\", \"41\"], timeout: 1s}",
                "    - [\"sleep\", \"**\"]",
                "  deny:",
                "    - [\"git\", \"push\", \"--force\", \"**\"]",
                "  env: {pass: [LANG]}",
                extra,
                "killswitch: {file: " + stop + "}",
                ""));
        return p;
    }

    private ChildJvm.Result probe(int jdk, Path policy, String... args) throws Exception {
        return ChildJvm.on(jdk).agent(policy.toString()).workdir(work).run(PROBE, args);
    }

    private static String result(ChildJvm.Result r) {
        return r.lines().stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse("no RESULT line\n" + r);
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("jdksAndModes")
    void gitConfiguredThroughTheEnvironmentRunsNoShell(int jdk, String mode) throws Exception {
        Path marker = dir.resolve("fsmonitor-ran");
        ChildJvm.Result r = probe(jdk, policy(mode, jdk, ""), "git-env", marker.toString());
        AuditLogFile log = AuditLogFile.read(audit);
        if (mode.equals("enforce")) {
            assertThat(result(r)).startsWith("RESULT denied agentguard: denied process env GIT_CONFIG_")
                    .contains("(rule process.env)").contains("process.exec[0]").contains("env:");
            assertThat(marker).as("the shell git would have run").doesNotExist();
            assertThat(log.where("deny", "process")).anyMatch(x -> x.path("op").asText().equals("env")
                    && x.path("target").asText().startsWith("GIT_CONFIG_"));
        } else {
            // Audit mode only records: the attack is real, and the record says what enforce mode would refuse.
            assertThat(result(r)).startsWith("RESULT ok");
            assertThat(marker).exists();
            assertThat(log.where("would_deny", "process")).anyMatch(x -> x.path("op").asText().equals("env"));
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void variablesReachTheChildOnlyWhereThePolicySaysSo(int jdk) throws Exception {
        Path policy = policy("enforce", jdk, "");
        // Named by the exec rule's env: arrives.
        assertThat(result(probe(jdk, policy, "set-var", "PAGER", "cat-this", "printenv", "PAGER")))
                .isEqualTo("RESULT ok cat-this  exit=0");
        // An interpreter variable that rule does not name, for the same program: refused, and says why.
        assertThat(result(probe(jdk, policy, "set-var", "EDITOR", "vi", "printenv", "EDITOR")))
                .startsWith("RESULT denied agentguard: denied process env EDITOR for printenv EDITOR (rule process.env)")
                .contains("EDITOR makes a program load or run code");
        // process.env.pass: any child may get LANG from the application; another variable needs a grant.
        assertThat(result(probe(jdk, policy, "set-var", "LANG", "C", "printenv", "LANG")))
                .isEqualTo("RESULT ok C  exit=0");
        assertThat(result(probe(jdk, policy, "set-var", "COLOR", "1", "printenv", "COLOR")))
                .startsWith("RESULT denied agentguard: denied process env COLOR").contains("process.env.pass");
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("jdksAndModes")
    void denyWordsMatchWhereverTheyStand(int jdk, String mode) throws Exception {
        Path policy = policy(mode, jdk, "");
        for (List<String> argv : List.of(List.of("git", "push", "origin", "--force"),
                List.of("git", "-c", "x=y", "push", "--force"), List.of("git", "push", "--force"))) {
            List<String> args = new ArrayList<>(List.of("exec"));
            args.addAll(argv);
            String out = result(probe(jdk, policy, args.toArray(new String[0])));
            if (mode.equals("enforce")) {
                assertThat(out).as(String.join(" ", argv)).startsWith("RESULT denied agentguard: denied process exec "
                        + String.join(" ", argv) + " (rule process.deny[0])");
            } else {
                assertThat(out).startsWith("RESULT ok");
            }
        }
        assertThat(AuditLogFile.read(audit).where(mode.equals("enforce") ? "deny" : "would_deny", "process"))
                .filteredOn(x -> x.path("rule").asText().equals("process.deny[0]")).hasSize(3);
        // The same words, read by explain:
        ChildJvm.Result explain = ChildJvm.on(jdk).workdir(work).guardCli("explain", policy.toString(), "process",
                "exec", "git", "-c", "x=y", "push", "--force");
        assertThat(explain.exitCode()).as(explain.toString()).isEqualTo(1);
        assertThat(explain.stdout()).startsWith("deny process.deny[0]:");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aChildJvmRunsUnderTheSameGuard(int jdk) throws Exception {
        ChildJvm.Result r = probe(jdk, policy("enforce", jdk, ""), "java-child", secret.toString());
        // (The child's stderr, merged into what it said, may hold the JVM's CDS warning first.)
        assertThat(result(r)).as(r.toString()).startsWith("RESULT ok child said: ")
                .contains("RESULT denied agentguard: denied file open " + secret + " (rule default-deny)");
        assertThat(r.stdout()).doesNotContain("KEY");
        AuditLogFile log = AuditLogFile.read(audit);
        List<JsonNode> starts = log.records().stream()
                .filter(x -> x.path("category").asText().equals("guard") && x.path("op").asText().equals("start"))
                .toList();
        assertThat(starts).as("a start record for the parent and one for the child").hasSize(2);
        JsonNode parent = starts.get(0);
        JsonNode child = starts.get(1);
        assertThat(child.path("details").path("parent").asLong()).isEqualTo(parent.path("pid").asLong());
        assertThat(child.path("details").path("policy").asText()).isEqualTo(parent.path("details").path("policy").asText());
        assertThat(child.path("details").path("workdir").asText()).isEqualTo(work.toString());
        long childPid = child.path("pid").asLong();
        assertThat(childPid).isNotEqualTo(parent.path("pid").asLong());
        assertThat(log.where("deny", "file")).anyMatch(x -> x.path("pid").asLong() == childPid
                && x.path("target").asText().equals(secret.toString()));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aChildJvmCannotBringItsOwnAgent(int jdk) throws Exception {
        Path java = Jdks.java(jdk).toRealPath();
        ChildJvm.Result r = probe(jdk, policy("enforce", jdk, ""), "exec", java.toString(),
                "-agentpath:/nonexistent/libx.so", "-version");
        assertThat(result(r)).startsWith("RESULT denied agentguard: denied process exec")
                .contains("-agentpath:").contains("guard: false");
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("jdksAndModes")
    void aTimeoutEndsTheChild(int jdk, String mode) throws Exception {
        ChildJvm.Result r = probe(jdk, policy(mode, jdk, ""), "sleep-wait", "41");
        AuditLogFile log = AuditLogFile.read(audit);
        if (mode.equals("enforce")) {
            // SIGTERM: 128 + 15.
            assertThat(result(r)).as(r.toString()).startsWith("RESULT ok ended=true exit=143");
            assertThat(log.where("deny", "process")).anyMatch(x -> x.path("op").asText().equals("timeout")
                    && x.path("rule").asText().equals("process.exec[3].timeout"));
        } else {
            assertThat(log.where("would_deny", "process")).anyMatch(x -> x.path("op").asText().equals("timeout"));
        }
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("jdksAndModes")
    void theKillswitchEndsRunningChildren(int jdk, String mode) throws Exception {
        Process guarded = start(jdk, policy(mode, jdk, ""), "sleep-wait", "60");
        try (BufferedReader out = reader(guarded)) {
            long pid = pid(out);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            Files.writeString(stop, "stop");
            String line = out.readLine();
            assertThat(line).as("the child ended after the killswitch").startsWith("RESULT ok ended=true exit=143");
            assertThat(alive(pid)).isFalse();
        } finally {
            guarded.destroyForcibly();
            guarded.waitFor(30, TimeUnit.SECONDS);
        }
        // The killswitch ends children in both modes.
        assertThat(AuditLogFile.read(audit).where("deny", "process"))
                .anyMatch(x -> x.path("op").asText().equals("end-killswitch"));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void childrenDieWithTheJvmUnlessThePolicyKeepsThem(int jdk) throws Exception {
        Process guarded = start(jdk, policy("enforce", jdk, ""), "sleep-exit", "60");
        long pid;
        try (BufferedReader out = reader(guarded)) {
            pid = pid(out);
            assertThat(guarded.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(waitGone(pid)).as("sleep " + pid + " outlived the JVM").isTrue();
        assertThat(AuditLogFile.read(audit).where("deny", "process"))
                .anyMatch(x -> x.path("op").asText().equals("end-exit"));

        Files.delete(audit);
        Process keeping = start(jdk, policy("enforce", jdk, "  on_exit: keep"), "sleep-exit", "60");
        long kept;
        try (BufferedReader out = reader(keeping)) {
            kept = pid(out);
            assertThat(keeping.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try {
            assertThat(alive(kept)).as("process.on_exit: keep").isTrue();
        } finally {
            ProcessHandle.of(kept).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Process start(int jdk, Path policy, String... args) throws Exception {
        return GuardedChildren.start(jdk, policy, work, PROBE, args);
    }
}
