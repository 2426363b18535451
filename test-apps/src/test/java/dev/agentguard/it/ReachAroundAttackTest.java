package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM machinery that reaches around the plain APIs (issue 12): {@code ProcessHandle} signals and
 * {@code info()} of a process outside, {@code InetAddress.isReachable}, {@code WatchService} on denied
 * directories, and the killswitch watcher thread. One child JVM per JDK under guard.jar in enforce mode,
 * with the realistic agent policy plus a killswitch file. Besides the attacks' own verdicts, checked from
 * outside: the victim process still runs, its canary never reached the child's output, the listeners saw
 * nothing, the audit log holds each denial, no credential from a thread name, and the killswitch record
 * written when a granted program created the file after the attacks.
 */
class ReachAroundAttackTest {
    private static final String SUITE = "dev.agentguard.apps.attacks.AttackSuite";
    /** KillswitchAttack trips the killswitch at its end, so it runs last. */
    private static final List<String> ATTACKS = List.of("ProcessHandleAttack", "ReachableAttack",
            "WatchServiceAttack", "KillswitchAttack");

    @TempDir
    Path tmp;

    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void nothingReachesAroundTheGuard(int jdk) throws Exception {
        AttackFixture fixture = AttackFixture.plant(tmp);
        Path killswitch = fixture.root.resolve("ks/STOP");
        Files.createDirectories(killswitch.getParent());
        String victimCanary = "victim-" + fixture.canary;
        // A shell that waits, so that its own command line (not a child's) carries the canary.
        Process victim = new ProcessBuilder("sh", "-c", "sleep 120; : " + victimCanary).start();
        try (AttackListeners listeners = new AttackListeners(fixture.unixSocket)) {
            Path policy = writePolicy(fixture, listeners.granted.port(), killswitch);
            ChildJvm.Result run = fixture.child(jdk, policy, listeners, victim.pid(), victimCanary)
                    .option("-Dag.killswitch=" + killswitch)
                    .run(SUITE, ATTACKS.toArray(new String[0]));
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> attacks = new ArrayList<>();
            int controls = 0;
            for (String line : run.lines()) {
                if (line.startsWith("ATTACK ")) {
                    attacks.add(line);
                    soft.assertThat(line).as("JDK " + jdk).contains(" blocked ");
                } else if (line.startsWith("CONTROL ")) {
                    controls++;
                    soft.assertThat(line).as("a granted call (JDK " + jdk + ")").contains(" ok ");
                }
            }
            soft.assertThat(attacks).as("attack lines\n" + run).hasSizeGreaterThanOrEqualTo(20);
            soft.assertThat(controls).as("controls: our own child, the work directory watched\n" + run).isEqualTo(2);
            soft.assertThat(victim.isAlive()).as("the victim process outside the JVM").isTrue();
            soft.assertThat(run.stdout() + run.stderr()).as("the victim's canary").doesNotContain(victimCanary);
            soft.assertThat(listeners.deniedAddress.connections()).as("connections to 127.0.0.2").isZero();
            checkAudit(fixture, soft);
            System.out.println("---- reach-around attacks on JDK " + jdk + " ----\n" + String.join("\n", attacks));
            soft.assertAll();
        } finally {
            victim.destroyForcibly();
        }
    }

    private static void checkAudit(AttackFixture fixture, SoftAssertions soft) throws IOException {
        String text = Files.readString(fixture.auditLog(), StandardCharsets.UTF_8);
        soft.assertThat(text).as("the audit log: no credential from a thread name").doesNotContain("hunter2");
        AuditLogFile audit = AuditLogFile.read(fixture.auditLog());
        soft.assertThat(ops(audit, "deny", "process")).as("process denials").contains("inspect", "signal", "kill");
        soft.assertThat(ops(audit, "deny", "network")).as("network denials").contains("reachable");
        soft.assertThat(ops(audit, "deny", "file")).as("file denials").contains("watch");
        soft.assertThat(ops(audit, "deny", "guard")).as("guard denials").contains("thread-interrupt",
                "thread-setPriority", "thread-setName", "thread-setUncaughtExceptionHandler", "killswitch-on");
        boolean redacted = false;
        for (JsonNode r : audit.records()) {
            redacted |= r.path("thread").asText().contains("https://[REDACTED]@api.example");
        }
        soft.assertThat(redacted).as("the record of the read on the thread named after a URL, redacted").isTrue();
    }

    private static List<String> ops(AuditLogFile audit, String decision, String category) {
        List<String> ops = new ArrayList<>();
        for (JsonNode r : audit.where(decision, category)) {
            ops.add(r.path("op").asText());
        }
        return ops;
    }

    /**
     * The realistic agent policy (see AttackFixture), plus a killswitch file, the program that creates it,
     * and a child of the agent's own for the ProcessHandle controls.
     */
    private static Path writePolicy(AttackFixture f, int port, Path killswitch) throws IOException {
        String yaml = String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit:",
                "  file: " + f.auditLog(),
                "  allowed: none",
                "files:",
                "  read: [\"${workdir}/**\", \"" + f.hosts + "\"]",
                "  write: [\"${workdir}/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\", \"**/*.pem\"]",
                "process:",
                "  exec:",
                "    - [\"echo\", \"**\"]",
                "    - [\"sleep\", \"5\"]",
                "    - [\"touch\", \"" + killswitch + "\"]",
                "network:",
                "  connect: [\"127.0.0.1:" + port + "\", \"localhost:" + port + "\"]",
                "env:",
                "  read: [\"PATH\", \"HOME\"]",
                "killswitch:",
                "  file: " + killswitch,
                "");
        Path policy = f.policy("reach-around");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        return policy;
    }
}
