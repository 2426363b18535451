package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentguard.apps.attacks.JvmMachineryAttack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, items 1-4: the JVM's own machinery, attacked in child JVMs under guard.jar on JDK 17 and 25,
 * with the effects checked from outside: the audit log and the policy intact, no dump, no marker of an
 * agent or of {@code main}. Also the doors an outside process opens (jcmd loading an agent), and the start
 * refusals that close the rest.
 */
class JvmMachineryTest {
    @TempDir
    Path tmp;

    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    /** Read the work directory, write only out/, deny ~/.ssh; of the JVM's machinery only Thread.print. */
    private Path policy(AttackFixture f, String extra) throws IOException {
        Path policy = f.policy("jvm");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "audit:",
                "  file: " + f.auditLog(),
                "  allowed: none",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\", \"${workdir}/markers/**\"]",
                "  deny: [\"${home}/.ssh/**\"]",
                "env:",
                "  read: [PATH, HOME]",
                "jvm:",
                "  diagnostics: [Thread.print]",
                extra,
                ""), StandardCharsets.UTF_8);
        return policy;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void inProcessMachineryIsBlocked(int jdk) throws Exception {
        AttackFixture f = AttackFixture.plant(tmp);
        Path policy = policy(f, "");
        String policyBefore = Files.readString(policy);
        try (AttackListeners listeners = new AttackListeners(f.unixSocket)) {
            ChildJvm.Result run = f.child(jdk, policy, listeners, -1, "")
                    // VM.info prints LD_LIBRARY_PATH, which env.read hides.
                    .env("LD_LIBRARY_PATH", "/nonexistent/" + f.canary)
                    // Flight Recorder's repository in a granted folder, so a recording's start meets jvm.jfr.
                    .option("-XX:FlightRecorderOptions:repository=" + f.work.resolve("out"))
                    .run("dev.agentguard.apps.attacks.AttackSuite", "JvmMachineryAttack");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> attacks = run.lines().stream().filter(l -> l.startsWith("ATTACK ")).toList();
            assertThat(attacks).as(run.toString()).hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(l -> assertThat(l).contains(" blocked "));
            assertThat(run.lines()).as(run.toString()).contains("CONTROL diagnostic-thread-print-granted ok Thread.print ran");
            assertThat(run.stdout()).doesNotContain(f.canary);
        }
        // From outside: the policy and the audit log are as the guard left them.
        assertThat(Files.readString(policy)).isEqualTo(policyBefore);
        assertThat(Path.of(policy + ".0")).doesNotExist();
        assertThat(Path.of(f.auditLog() + ".0")).doesNotExist();
        AuditLogFile audit = AuditLogFile.read(f.auditLog());
        List<JsonNode> records = audit.records();
        assertThat(records.get(0).path("op").asText()).isEqualTo("start");
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).path("seq").asInt()).as("seq of record " + i).isEqualTo(i + 1);
        }
        assertThat(records.get(records.size() - 1).path("op").asText()).isEqualTo("summary");
        assertThat(audit.has("deny", "jvm", "VM.log output=" + f.auditLog())).isTrue();
        assertThat(audit.has("deny", "jvm", "JVMTI.agent_load")).isTrue();
        assertThat(audit.has("deny", "jvm", "Thread.print -l\\u000aGC.heap_dump")).isTrue();
        assertThat(audit.has("deny", "jvm", "HeapDumpPath=")).isTrue();
        assertThat(audit.has("deny", "jvm", "recording")).isTrue();
        // No file the JVM would have written.
        assertThat(f.home.resolve(".ssh/authorized_keys")).doesNotExist();
        assertThat(f.work.resolve("out/heap.hprof")).doesNotExist();
        assertThat(f.work.resolve("markers/late-agent")).doesNotExist();
        assertThat(f.work.resolve("markers/raced.log")).doesNotExist();
        try (Stream<Path> markers = Files.list(f.outside.resolve("markers"))) {
            assertThat(markers.toList()).isEmpty();
        }
        try (Stream<Path> dumps = Files.list(f.work)) {
            assertThat(dumps.filter(p -> p.getFileName().toString().endsWith(".hprof")).toList()).isEmpty();
        }
    }

    /**
     * jcmd from outside, through the attach socket, loads a Java agent the program wrote: the guard refuses
     * its agentmain (tampering, recorded); the socket itself stays open to a process of the same user, and
     * {@code -XX:+DisableAttachMechanism} closes it.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anAgentLoadedFromOutsideNeverRuns(int jdk) throws Exception {
        AttackFixture f = AttackFixture.plant(tmp);
        Path policy = policy(f, "");
        Path jar = JvmMachineryAttack.writeAgentJar(f.work.resolve("agent.jar"), "");
        Path marker = f.work.resolve("markers/late-agent");
        Attached open = attachAndLoad(jdk, f, policy, jar, marker, List.of());
        assertThat(open.child().exitCode()).as(open.child().toString()).isZero();
        assertThat(open.version()).as("the attach socket is open without the flag").contains("JDK");
        assertThat(marker).as(open.load()).doesNotExist();
        assertThat(AuditLogFile.read(f.auditLog()).has("deny", "guard", JvmMachineryAttack.class.getPackageName()
                + ".LateAgent")).as("the refused agentmain is recorded").isTrue();

        f.restore();
        Attached closed = attachAndLoad(jdk, f, policy, jar, marker, List.of("-XX:+DisableAttachMechanism"));
        assertThat(closed.child().exitCode()).as(closed.child().toString()).isZero();
        assertThat(closed.version()).doesNotContain("JDK");
        assertThat(marker).doesNotExist();
        JsonNode start = AuditLogFile.read(f.auditLog()).records().get(0);
        assertThat(start.path("details").path("attach").path("disable_attach_mechanism").asBoolean()).isTrue();
    }

    private record Attached(ChildJvm.Result child, String version, String load) {}

    private Attached attachAndLoad(int jdk, AttackFixture f, Path policy, Path jar, Path marker, List<String> options)
            throws Exception {
        Path ready = f.work.resolve("markers/ready");
        Path go = f.work.resolve("markers/go");
        ChildJvm child = ChildJvm.on(jdk).agent(policy.toString()).workdir(f.work).timeout(90);
        options.forEach(child::option);
        CompletableFuture<ChildJvm.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return child.run("dev.agentguard.apps.attacks.LateAgentTarget", ready.toString(), go.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 300 && !Files.exists(ready); i++) {
            Thread.sleep(100);
        }
        assertThat(ready).as("the guarded JVM started").exists();
        String pid = Files.readString(ready).trim();
        String version = jcmd(jdk, pid, "VM.version");
        String load = jcmd(jdk, pid, "JVMTI.agent_load", jar.toString(), marker.toString());
        Files.writeString(go, "go");
        return new Attached(running.get(90, TimeUnit.SECONDS), version, load);
    }

    private static String jcmd(int jdk, String pid, String... command) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(Jdks.java(jdk).resolveSibling("jcmd").toString(), pid));
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** {@code java -javaagent:guard.jar -jar app.jar} whose manifest has a Launcher-Agent-Class: main never runs. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aLauncherAgentStopsTheLaunch(int jdk) throws Exception {
        AttackFixture f = AttackFixture.plant(tmp);
        Path policy = policy(f, "");
        Path app = TestJars.write(f.work.resolve("app.jar"),
                Map.of("Main-Class", "dev.agentguard.apps.attacks.LauncherAgentApp",
                        "Launcher-Agent-Class", "dev.agentguard.apps.attacks.LateAgent"),
                List.of("dev.agentguard.apps.attacks.LauncherAgentApp", "dev.agentguard.apps.attacks.LateAgent"));
        Path agentMarker = f.work.resolve("markers/launcher-agent");
        Path mainMarker = f.work.resolve("markers/main");
        ChildJvm.Result run = ChildJvm.on(jdk).agent(policy.toString()).workdir(f.work)
                .option("-Dag.lateAgentMarker=" + agentMarker)
                .option("-Dag.mainMarker=" + mainMarker)
                .run("-jar", app.toString());
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.stdout()).doesNotContain("MAIN RAN");
        assertThat(agentMarker).doesNotExist();
        assertThat(mainMarker).doesNotExist();
        assertThat(AuditLogFile.read(f.auditLog()).has("deny", "guard", app.toString())).as(run.toString()).isTrue();
    }

    /** The start refusals: self-attach allowed on the command line; attach not disabled when the policy asks. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theGuardRefusesToStartWithTheAttachDoorsOpen(int jdk) throws Exception {
        AttackFixture f = AttackFixture.plant(tmp);
        Path plain = policy(f, "");
        ChildJvm.Result self = ChildJvm.on(jdk).agent(plain.toString()).workdir(f.work)
                .option("-Djdk.attach.allowAttachSelf=true").run("dev.agentguard.apps.probe.Probe");
        assertThat(self.exitCode()).as(self.toString()).isEqualTo(2);
        assertThat(self.stderr()).contains("jdk.attach.allowAttachSelf");

        Path strict = policy(f, "  require_attach_disabled: true");
        ChildJvm.Result open = ChildJvm.on(jdk).agent(strict.toString()).workdir(f.work)
                .run("dev.agentguard.apps.probe.Probe");
        assertThat(open.exitCode()).as(open.toString()).isEqualTo(2);
        assertThat(open.stderr()).contains("-XX:+DisableAttachMechanism");
        ChildJvm.Result closed = ChildJvm.on(jdk).agent(strict.toString()).workdir(f.work)
                .option("-XX:+DisableAttachMechanism").run("dev.agentguard.apps.probe.Probe");
        assertThat(closed.exitCode()).as(closed.toString()).isZero();
    }

    /**
     * The operator's own heap-dump flags (item 4 of the design note's open list): not refused, but the start
     * record says where the armed dump would go and whether jvm.heap_dump grants it, and standard error
     * warns when it does not.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anArmedHeapDumpOnTheCommandLineIsReported(int jdk) throws Exception {
        AttackFixture f = AttackFixture.plant(tmp);
        Files.createDirectories(f.work.resolve("dumps"));
        Files.createDirectories(f.work.resolve("out"));
        Path ungranted = policy(f, "");
        ChildJvm.Result open = ChildJvm.on(jdk).agent(ungranted.toString()).workdir(f.work)
                .option("-XX:+HeapDumpOnOutOfMemoryError").option("-XX:HeapDumpPath=" + f.work.resolve("out"))
                .run("dev.agentguard.apps.probe.Probe");
        assertThat(open.exitCode()).as(open.toString()).isZero();
        assertThat(open.stderr()).contains("agentguard: warning: the command line arms a heap dump")
                .contains(f.work.resolve("out").toString());
        JsonNode flags = AuditLogFile.read(f.auditLog()).records().get(0).path("details").path("heap_dump_flags");
        assertThat(flags.path("on_out_of_memory").asBoolean()).as(flags.toString()).isTrue();
        assertThat(flags.path("granted").asBoolean()).as(flags.toString()).isFalse();
        assertThat(flags.path("path").asText()).startsWith(f.work.resolve("out/java_pid").toString());

        f.restore();
        Path granted = policy(f, "  heap_dump: [\"${workdir}/dumps/*.hprof\"]");
        ChildJvm.Result ok = ChildJvm.on(jdk).agent(granted.toString()).workdir(f.work)
                .option("-XX:+HeapDumpOnOutOfMemoryError").option("-XX:HeapDumpPath=" + f.work.resolve("dumps"))
                .run("dev.agentguard.apps.probe.Probe");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stderr()).doesNotContain("agentguard: warning");
        JsonNode start = AuditLogFile.read(f.auditLog()).records().get(0).path("details");
        assertThat(start.path("heap_dump_flags").path("granted").asBoolean()).as(start.toString()).isTrue();

        f.restore();
        ChildJvm.Result none = ChildJvm.on(jdk).agent(granted.toString()).workdir(f.work)
                .run("dev.agentguard.apps.probe.Probe");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(AuditLogFile.read(f.auditLog()).records().get(0).path("details").has("heap_dump_flags")).isFalse();
    }
}
