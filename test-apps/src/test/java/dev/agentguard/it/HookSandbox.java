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

    private final Path root;
    private final Path dir;
    private BudgetSink budgetSink;

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
                    "  exec: [[\"touch\", \"" + dir + "/*\"], [\"true\"]]",
                    "network:",
                    "  connect: [\"127.0.0.1:" + port + "\", \"localhost:" + port + "\", \"127.0.0.1:*\", \"127.0.0.2:*\", \"unix:" + dir + "/*\"]",
                    "  listen: [\"127.0.0.1:*\", \"[::1]:*\", \"unix:" + dir + "/*\"]",
                    "env:",
                    "  read: [\"" + VARIABLE + "\", \"PATH\"]",
                    "native:",
                    "  load: [\"z\", \"/usr/lib/x86_64-linux-gnu/libz.so*\"]",
                    "jvm:",
                    "  diagnostics: [VM.version]",
                    "  heap_dump: [\"" + dir + "/**\"]",
                    "  jfr: true",
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
                    // Flight Recorder's repository (moved into the sandbox by the child's options), so that a
                    // recording's start reaches the jvm.jfr check.
                    "files:",
                    "  read: [\"" + dir.resolve(BudgetActions.SENDFILE_SOURCE) + "\", \"" + jfrRepository() + "\", \""
                            + jfrRepository() + "/**\"]",
                    "  write: [\"" + jfrRepository() + "/**\"]",
                    "budgets:",
                    "  outbound_bytes: 0B",
                    "");
        }
        Path policy = root.resolve("policy-" + mode + "-" + (granted ? "grant" : "deny") + ".yaml");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        return policy;
    }

    ChildJvm child(int jdk, Path policy, int port) {
        return options(ChildJvm.on(jdk).agent(policy.toString()), port);
    }

    /** Like {@link #child}, with the {@code -javaagent} options (the guard's among them) in the order given. */
    ChildJvm childWithAgents(int jdk, List<String> agents, int port) {
        ChildJvm child = ChildJvm.on(jdk);
        agents.forEach(child::option);
        return options(child, port);
    }

    private ChildJvm options(ChildJvm child, int port) {
        return child
                .workdir(dir)
                .env(VARIABLE, "canary-" + System.nanoTime())
                .option("-Dag.sandbox=" + dir)
                .option("-Dag.port=" + port)
                .option("-Dag.variable=" + VARIABLE)
                .option("-Dag.budget.tcp=" + budgetSink.tcpPort())
                .option("-Dag.budget.udp=" + budgetSink.udpPort())
                .option("-Djava.library.path=" + dir.resolve("lib"))
                // The late-agent actions call InstrumentationImpl the way the JDK's native code does.
                .option("--add-opens=java.instrument/sun.instrument=ALL-UNNAMED")
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

    /** The audit category a hook's denial is recorded under. */
    static String category(String id) {
        HookActions.Spec spec = HookActions.ACTIONS.get(id);
        return spec == null ? "unknown" : spec.category();
    }
}
