package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the attack programs of {@code dev.agentguard.apps.attacks} in child JVMs under guard.jar in
 * enforce mode, with a realistic agent policy, on JDK 17 and 25, and fails if any attack succeeds. The
 * attacks judge their own effect (canary bytes read, a marker written by a program that must not run, a
 * connect that completed); this test checks the effects from outside as well: the canary files and the
 * protected files are untouched, nothing appeared outside the grants, and the listeners that nothing
 * grants saw no connection and no datagram.
 *
 * <p>Three JVMs per JDK: most attacks together; the attacks on the guard's own state alone (a success
 * there could hide the others); the child-environment attack under a policy that grants {@code env}.
 *
 * <p>{@link #knownOpen} lists the attacks that work today, each with the reason. They are asserted to
 * still work, so the list cannot silently go stale: when a mitigation lands, the test fails until the
 * entry is removed, and from then on the attack must stay blocked.
 */
class AttackTest {
    private static final String SUITE = "dev.agentguard.apps.attacks.AttackSuite";
    private static final List<String> MAIN_GROUP = List.of("ExecAttack", "ShellScriptAttack", "EnvAttack", "ProcEnvironAttack",
            "FileDescriptorAttack", "NumericAddressAttack", "MetadataAttack", "DnsExfilAttack", "UdpExfilAttack",
            "UnixSocketAttack", "NativeLoadAttack", "AttachAttack", "FfmAttack",
            // Last: if its renames or deletes succeed they must not disturb the others.
            "PathEscapeAttack");

    @TempDir
    Path tmp;

    /**
     * Attacks that succeed today on the given JDK, with the reason. Each is a decision for the project to
     * take (mitigate, or accept and document), not a test to delete.
     */
    static Map<String, String> knownOpen(int jdk) {
        // Empty: every attack of the suite is blocked on JDK 17 and 25. An entry here would be an attack that
        // still works, with the reason, asserted to keep working until a mitigation removes it.
        return new TreeMap<>();
    }

    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noAttackSucceeds(int jdk) throws Exception {
        AttackFixture fixture = AttackFixture.plant(tmp);
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String victimCanary = "victim-" + fixture.canary;
        Process victim = startVictim(jdk, victimCanary);
        try (AttackListeners listeners = new AttackListeners(fixture.unixSocket)) {
            Path agentPolicy = fixture.writePolicy("agent", listeners.granted.port(), false);
            Path envPolicy = fixture.writePolicy("childenv", listeners.granted.port(), true);
            Map<String, String> open = knownOpen(jdk);
            SoftAssertions soft = new SoftAssertions();
            List<Group> groups = List.of(
                    new Group("main", agentPolicy, MAIN_GROUP, Map.of()),
                    new Group("tamper", agentPolicy, List.of("GuardTamperAttack"), Map.of()),
                    new Group("childenv", envPolicy, List.of("ChildEnvAttack"), Map.of(
                            "JAVA_TOOL_OPTIONS", "-Dag.jto=" + fixture.canary,
                            "BASH_ENV", "/nonexistent/" + fixture.canary)));
            for (Group group : groups) {
                String policyBefore = Files.readString(group.policy());
                ChildJvm child = fixture.child(jdk, group.policy(), listeners, victim.pid(), victimCanary);
                group.env().forEach(child::env);
                ChildJvm.Result run = child.run(SUITE, group.attacks().toArray(new String[0]));
                collect(run, group.attacks(), outcomes, problems);
                checkEffects(group.name(), fixture, listeners, policyBefore, group.policy(), open, soft);
                fixture.restore();
                Files.writeString(group.policy(), policyBefore);
            }
            checkListeners(listeners, open, soft);
            soft.assertThat(problems).as("attack runs that did not do their job").isEmpty();
            judge(jdk, outcomes, open, soft);
            printTable(jdk, outcomes, open);
            soft.assertAll();
        } finally {
            victim.destroyForcibly();
        }
    }

    /** Parses ATTACK and CONTROL lines; a run that crashed, printed ERROR or skipped an attack is a problem. */
    private static void collect(ChildJvm.Result run, List<String> attacks, Map<String, String> outcomes,
                                List<String> problems) {
        if (run.exitCode() != 0) {
            problems.add("child exited " + run.exitCode() + ":\n" + run);
        }
        for (String line : run.lines()) {
            String[] parts = line.split(" ", 4);
            if (line.startsWith("ATTACK ") && parts.length >= 3) {
                if (parts[2].equals("ERROR")) {
                    problems.add(line + "\n" + run.stderr());
                } else if (outcomes.put(parts[1], parts[2] + " " + (parts.length > 3 ? parts[3] : "")) != null) {
                    problems.add("attack reported twice: " + parts[1]);
                }
            } else if (line.startsWith("CONTROL ") && parts.length >= 3 && !parts[2].equals("ok")) {
                problems.add("a granted call failed, so the policy is broken and 'blocked' proves nothing: " + line
                        + "\n" + run);
            }
        }
        if (run.lines().stream().noneMatch(l -> l.startsWith("ATTACK "))) {
            problems.add("no attack ran in " + attacks + ":\n" + run);
        }
    }

    private static void judge(int jdk, Map<String, String> outcomes, Map<String, String> open, SoftAssertions soft) {
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            String name = e.getKey();
            String outcome = e.getValue();
            if (open.containsKey(name)) {
                soft.assertThat(outcome).as("KNOWN-OPEN attack " + name + " on JDK " + jdk + " no longer succeeds;"
                        + " remove it from knownOpen so that it stays blocked").startsWith("SUCCEEDED");
            } else {
                soft.assertThat(outcome).as("attack " + name + " on JDK " + jdk).startsWith("blocked");
            }
        }
        for (String name : open.keySet()) {
            soft.assertThat(outcomes).as("known-open attack " + name + " was not run").containsKey(name);
        }
    }

    /** One child JVM: a name, its policy, the attacks it runs in order, extra environment. */
    private record Group(String name, Path policy, List<String> attacks, Map<String, String> env) {}

    /** What the parent can see for itself after one child JVM, whatever it printed. */
    private static void checkEffects(String group, AttackFixture f, AttackListeners listeners, String policyBefore,
                                     Path policy, Map<String, String> open, SoftAssertions soft) throws IOException {
        soft.assertThat(f.sshKey()).as(group + ": the SSH key is still in place").exists();
        soft.assertThat(f.dotenv()).as(group + ": the .env is still in place").exists();
        soft.assertThat(Files.readString(f.outsideTarget())).as(group + ": outside/target.txt").isEqualTo("ORIGINAL");
        try (Stream<Path> created = Files.list(f.outside.resolve("markers"))) {
            soft.assertThat(created.map(Path::toString).toList()).as(group + ": files created outside the grants").isEmpty();
        }
        try (Stream<Path> ran = Files.list(f.work.resolve("markers"))) {
            soft.assertThat(ran.map(Path::toString).toList()).as(group + ": traces of programs that must not run").isEmpty();
        }
        soft.assertThat(Files.readString(policy)).as(group + ": the policy file").isEqualTo(policyBefore);
        soft.assertThat(f.auditLog()).as(group + ": the audit log").exists();
        if (Files.exists(f.auditLog())) {
            String audit = Files.readString(f.auditLog());
            soft.assertThat(audit).as(group + ": the audit log").doesNotContain("PWNED-AUDIT")
                    .as(group + ": the audit log redacts the API key").doesNotContain(f.openAiKey());
            if (!open.containsKey("tamper-unsafe-forged-fd-write")) {
                soft.assertThat(audit).as(group + ": the audit log").doesNotContain("FORGED-FD");
            }
            if (group.equals("main")) {
                AuditLogFile records = AuditLogFile.read(f.auditLog());
                soft.assertThat(records.has("deny", "network", "attacker.example"))
                        .as("a denied-lookup record for the exfiltration name").isTrue();
                soft.assertThat(hasRule(records, "metadata")).as("a denial by the metadata rule").isTrue();
            }
        }
    }

    /** The listeners count over all the JVMs of one JDK. */
    private static void checkListeners(AttackListeners listeners, Map<String, String> open, SoftAssertions soft) {
        soft.assertThat(listeners.granted.connections()).as("the granted port saw the control connects").isPositive();
        soft.assertThat(listeners.deniedAddress.connections()).as("connections to 127.0.0.2 (not granted)").isZero();
        soft.assertThat(listeners.deniedPort.connections()).as("connections to a port not granted").isZero();
        if (open.keySet().stream().noneMatch(n -> n.startsWith("udp-") || n.startsWith("dns-jndi"))) {
            soft.assertThat(listeners.udp.datagrams()).as("datagrams to a UDP port not granted").isZero();
        }
        if (open.keySet().stream().noneMatch(n -> n.startsWith("unix-"))) {
            soft.assertThat(listeners.unix.connections()).as("connections to the Unix socket outside").isZero();
        }
    }

    private static boolean hasRule(AuditLogFile records, String rule) {
        for (JsonNode r : records.where("deny", "network")) {
            if (r.path("rule").asText().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    private static void printTable(int jdk, Map<String, String> outcomes, Map<String, String> open) {
        StringBuilder sb = new StringBuilder("---- attacks on JDK " + jdk + " ----\n");
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            String marker = open.containsKey(e.getKey()) ? "KNOWN-OPEN " : "";
            sb.append(marker).append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        for (Map.Entry<String, String> e : open.entrySet()) {
            sb.append("WARNING: attack ").append(e.getKey()).append(" is open on JDK ").append(jdk).append(": ")
                    .append(e.getValue()).append('\n');
        }
        System.out.print(sb);
    }

    /** A JVM without the guard, for the attach attack; returns once it is up. */
    private static Process startVictim(int jdk, String canary) throws IOException {
        Process p = new ProcessBuilder(Jdks.java(jdk).toString(), "-Dag.victimCanary=" + canary, "-cp",
                ChildJvm.APPS.toString(), "dev.agentguard.apps.attacks.AttachVictim")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the victim JVM started").isEqualTo("READY");
        return p;
    }
}
