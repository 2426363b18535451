package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.agentguard.apps.hooks.BudgetActions;
import dev.agentguard.apps.hooks.HookActions;
import dev.agentguard.apps.hooks.SocketActions;
import java.util.List;

/**
 * The folder the hook actions work in, the two policies (one granting every action, one granting none),
 * and the checks that a denied action had no effect.
 */
final class HookSandbox {
    static final String VARIABLE = "AG_TEST_SECRET";
    static final String ZLIB = "/usr/lib/x86_64-linux-gnu/libz.so.1";
    /** The one name the test resolver provider answers itself (with 127.0.0.1); see ResolverProviderJar. */
    static final String RESOLVER_PROBE = "resolver-probe.test";

    private final Path root;
    private final Path dir;
    private BudgetSink budgetSink;
    /** A process outside the guarded JVM, with a canary in its command line: not the agent's to signal or read. */
    private Process victim;
    private String victimCanary;

    private HookSandbox(Path root) {
        this.root = root;
        this.dir = root.resolve("sandbox");
    }

    static HookSandbox create(Path root) throws IOException {
        HookSandbox s = new HookSandbox(root.toRealPath());
        Files.createDirectories(s.dir.resolve("lib"));
        Files.createDirectories(s.jfrRepository());
        Files.writeString(s.dir.resolve("in.txt"), "input\n");
        Path zlib = Path.of(ZLIB);
        assertThat(zlib).as("the native-library actions need zlib").exists();
        Files.createSymbolicLink(s.dir.resolve("lib/libz.so"), zlib);
        UnixSocketServer.start(s.dir.resolve(SocketActions.UNIX_SERVER), s.dir.resolve(SocketActions.UNIX_ACCEPTED));
        NioFiles.create(s.dir);
        FileMetadataEffects.prepare(s.dir);
        Files.writeString(s.dir.resolve(BudgetActions.SENDFILE_SOURCE), BudgetActions.SENDFILE_WORD);
        s.budgetSink = BudgetSink.start(s.dir);
        s.victimCanary = "victim-canary-" + System.nanoTime();
        // A shell that waits: its own command line carries the canary (no exec, so the shell stays the process).
        s.victim = new ProcessBuilder("sh", "-c", "sleep 900; : " + s.victimCanary).start();
        return s;
    }

    Path auditLog() {
        return root.resolve("audit.jsonl");
    }

    Path writePolicy(String mode, boolean granted, int port) throws IOException {
        String yaml;
        if (granted) {
            yaml = String.join("\n",
                    "version: 1",
                    "mode: " + mode,
                    "audit:",
                    "  file: " + auditLog(),
                    "  allowed: all",
                    "files:",
                    // The JDK checks that the library file exists (File.exists, getCanonicalPath) while loading it.
                    "  read: [\"" + dir + "/**\", \"/usr/lib/x86_64-linux-gnu/libz.so*\"]",
                    "  write: [\"" + dir + "/**\"]",
                    "process:",
                    "  exec: [[\"touch\", \"" + dir + "/*\"], [\"true\"], [\"sleep\", \"7\"]]",
                    "network:",
                    "  connect: [\"127.0.0.1:" + port + "\", \"localhost:" + port + "\", \"127.0.0.1:*\", \"127.0.0.2:*\", \"unix:" + dir + "/*\"]",
                    "  listen: [\"127.0.0.1:*\", \"[::1]:*\", \"unix:" + dir + "/*\"]",
                    // The resolver-provider action (JDK 18+): the test provider is trusted, its probe name granted.
                    "  resolve: [\"" + RESOLVER_PROBE + "\"]",
                    "  resolver: [\"" + ResolverProviderJar.PROVIDER + "\"]",
                    "env:",
                    "  read: [\"" + VARIABLE + "\", \"PATH\"]",
                    "native:",
                    "  load: [\"z\", \"/usr/lib/x86_64-linux-gnu/libz.so*\"]",
                    "jvm:",
                    "  diagnostics: [VM.version]",
                    "  heap_dump: [\"" + dir + "/**\"]",
                    "  jfr: true",
                    killswitch(),
                    "");
        } else {
            yaml = String.join("\n",
                    "version: 1",
                    "mode: " + mode,
                    "audit:",
                    "  file: " + auditLog(),
                    "  allowed: all",
                    "env:",
                    "  read: [\"PATH\"]",
                    // The byte-budget actions' writes must be refused by the budget itself, so what they need
                    // before writing is granted: a connect to the sink on 127.0.0.2 (no other action's target)
                    // and the one file the sendfile action sends. Every write is then over the 0B budget.
                    "network:",
                    "  connect: [\"127.0.0.2:*\"]",
                    // The probe name may be looked up, so that the lookup reaches the resolver the guard refused.
                    "  resolve: [\"" + RESOLVER_PROBE + "\"]",
                    // Flight Recorder's repository (moved into the sandbox by the child's options), so that a
                    // recording's start reaches the jvm.jfr check.
                    "files:",
                    "  read: [\"" + dir.resolve(BudgetActions.SENDFILE_SOURCE) + "\", \"" + jfrRepository() + "\", \""
                            + jfrRepository() + "/**\"]",
                    "  write: [\"" + jfrRepository() + "/**\"]",
                    "budgets:",
                    "  outbound_bytes: 0B",
                    // The fixed ProcessHandle actions need a child of their own; no other action runs sleep.
                    "process:",
                    "  exec: [[\"sleep\", \"7\"]]",
                    killswitch(),
                    "");
        }
        Path policy = root.resolve("policy-" + mode + "-" + (granted ? "grant" : "deny") + ".yaml");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        return policy;
    }

    /** A killswitch file that never exists: its watcher thread is what the guard-thread actions aim at. */
    private String killswitch() {
        return "killswitch:\n  file: " + root.resolve("never-STOP");
    }

    ChildJvm child(int jdk, Path policy, int port) throws IOException, InterruptedException {
        return options(withResolver(ChildJvm.on(jdk), jdk).agent(policy.toString()), port);
    }

    /** Like {@link #child}, with the {@code -javaagent} options (the guard's among them) in the order given. */
    ChildJvm childWithAgents(int jdk, List<String> agents, int port) throws IOException, InterruptedException {
        ChildJvm child = withResolver(ChildJvm.on(jdk), jdk);
        agents.forEach(child::option);
        return options(child, port);
    }

    /** On JDK 18+, a resolver provider on the class path: InetAddress#loadResolver offers it to the guard. */
    private ChildJvm withResolver(ChildJvm child, int jdk) throws IOException, InterruptedException {
        if (jdk >= 18) {
            Path jar = ResolverProviderJar.build(root.resolve("resolver-provider"));
            child.classPath(ChildJvm.APPS + java.io.File.pathSeparator + jar)
                    .option("-Dag.resolver.map=" + RESOLVER_PROBE + "=127.0.0.1");
        }
        return child;
    }

    private ChildJvm options(ChildJvm child, int port) {
        return child
                .workdir(dir)
                .env(VARIABLE, "canary-" + System.nanoTime())
                .option("-Dag.sandbox=" + dir)
                .option("-Dag.victimPid=" + victim.pid())
                .option("-Dag.port=" + port)
                .option("-Dag.variable=" + VARIABLE)
                .option("-Dag.budget.tcp=" + budgetSink.tcpPort())
                .option("-Dag.budget.udp=" + budgetSink.udpPort())
                .option("-Djava.library.path=" + dir.resolve("lib"))
                // The late-agent actions call InstrumentationImpl the way the JDK's native code does.
                .option("--add-opens=java.instrument/sun.instrument=ALL-UNNAMED")
                // ... and the launcher's Add-Opens of a -jar manifest.
                .option("--add-opens=java.base/sun.launcher=ALL-UNNAMED")
                .option("-XX:FlightRecorderOptions:repository=" + jfrRepository());
    }

    Path jfrRepository() {
        return dir.resolve("jfr-repo");
    }

    /** The effect of every action: present when it ran, absent when the guard stopped it. */
    void assertEffects(List<String> ids, boolean blocked, LoopbackListener listener) {
        for (String id : ids) {
            HookActions.Spec spec = HookActions.ACTIONS.get(id);
            if (spec != null && spec.effectFile() != null) {
                Path marker = dir.resolve(spec.effectFile());
                assertThat(Files.exists(marker)).as(id + " left " + marker).isEqualTo(!blocked);
            }
            if (id.startsWith("sun.nio.ch.Net#connect")) {
                if (blocked) {
                    assertThat(listener.connections()).as("connections that reached the listener").isZero();
                } else {
                    assertThat(listener.connections()).as("connections that reached the listener").isPositive();
                }
            }
        }
    }

    /**
     * A fixed row (HookActions.FIXED): its allowed action passes under every policy; its denied action is
     * refused in enforce mode (the victim outside lives on, its canary unseen) and only recorded in audit.
     */
    void assertFixed(String id, java.util.Map<String, String> outcomes, String mode, ChildJvm.Result result) {
        assertThat(outcomes.get(id + "#allowed")).as(id + " on our own child\n" + result).startsWith("ok ");
        String denied = outcomes.get(id + "#denied");
        if (mode.equals("enforce")) {
            assertThat(denied).as(id + " on a process outside\n" + result).startsWith("denied ")
                    .doesNotContain(victimCanary).doesNotContain("guard-error");
            assertThat(victim.isAlive()).as("the victim outside the JVM is alive after " + id).isTrue();
        } else {
            assertThat(denied).as(id + " on a process outside, audit mode\n" + result).startsWith("ok ");
        }
    }

    /** Every fixed row's denied action left a deny (enforce) or would_deny (audit) record, in any policy. */
    void assertFixedRecorded(List<String> ids, String mode, AuditLogFile audit) {
        String decision = mode.equals("enforce") ? "deny" : "would_deny";
        for (String id : ids) {
            HookActions.Fixed fixed = HookActions.FIXED.get(id);
            if (fixed != null) {
                assertThat(audit.where(decision, fixed.category())).as("a " + decision + " record for " + id).isNotEmpty();
            }
        }
        victim.destroyForcibly();
    }

    /** The audit category a hook's denial is recorded under. */
    static String category(String id) {
        HookActions.Spec spec = HookActions.ACTIONS.get(id);
        return spec == null ? "unknown" : spec.category();
    }
}
