package dev.agentguard.benchmarks;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call cost of an allowed check as a hook makes it: the advice's call into {@link GuardBridge} (its
 * reentrancy guard), the {@link Enforcer} (killswitch, decision, {@code audit.allowed: first}, counters,
 * rate budgets) and nothing of the JDK's own work. The policy is the workloads' part of the overhead
 * benchmark's ({@code bench/policy.yaml}, whose 55 rules since issue 16 add grants no workload uses): the
 * default secret set as {@code files.deny}, one variable, {@code /bin/true}, {@code 127.0.0.1:*}.
 *
 * <p>{@code fileReadAllowed} includes the real-path resolution of the file (system calls, see
 * {@link RealPathBenchmark}); the others make none. {@code execAllowed} is the check of a
 * {@code ProcessBuilder("/bin/true").start()} without the start: the exec decision and the child's copy of
 * this JVM's environment, with the variables {@code env.read} does not grant hidden and recorded, and one
 * variable the application set, passed by {@code process.env.pass}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AllowedCheckBenchmark {
    /** bench/policy.yaml's deny rules: the embedded default policy's secret set. */
    private static final String SECRET_DENY_RULES = "[\"${home}/.ssh/**\", \"${home}/.aws/**\", \"${home}/.gnupg/**\", "
            + "\"${home}/.config/gh/**\", \"${home}/.docker/**\", \"${home}/.kube/**\", \"${home}/.netrc\", "
            + "\"**/.env\", \"**/.env.*\", \"**/*.pem\", \"**/*.key\", \"**/id_rsa*\", \"**/id_ed25519*\", "
            + "\"**/credentials*\", \"**/*secret*\"]";

    private Path root;
    private String file;
    private InetAddress loopback;
    private String[] argv;
    private Map<String, String> environment;

    @Setup
    public void setUp() throws IOException, PolicyException {
        root = Files.createTempDirectory("agentguard-allowed-check-").toRealPath();
        Path data = Files.createDirectories(root.resolve("work/data"));
        file = Files.writeString(data.resolve("small.txt"), "x".repeat(4096)).toString();
        Path audit = root.resolve("audit.jsonl");
        String text = "version: 1\nmode: enforce\naudit: {file: " + audit + ", allowed: first}\n"
                + "files:\n  read: [\"" + data + "/**\"]\n  deny: " + SECRET_DENY_RULES + "\n"
                + "process:\n  exec: [[\"/bin/true\"]]\n  env: {pass: [\"AGENTGUARD_BENCH_VALUE\"]}\n"
                + "network:\n  connect: [\"127.0.0.1:*\"]\n"
                + "env:\n  read: [\"AGENTGUARD_BENCH_VALUE\"]\n";
        Policy policy = PolicyLoader.parse("allowed-check.yaml", null, text, PolicyEngineBenchmark.context(),
                Overrides.NONE);
        AuditLog log = AuditLog.open(audit, 4242L, policy.mode());
        GuardBridge.install(new Enforcer(policy, new Verdicts(policy.mode(), log, policy.audit().allowed())));
        loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        argv = new String[] {"/bin/true"};
        environment = new HashMap<>(System.getenv());
        environment.put("AGENTGUARD_BENCH_VALUE", "x");
        // Every benchmark must measure an allowed call: a denial would throw (or hide) here, not later.
        if (!"x".equals(getenvAllowed())) {
            throw new IllegalStateException("the granted variable was hidden");
        }
        connectAllowed();
        fileReadAllowed();
        if (!((Map<?, ?>) execAllowed()[1]).containsKey("AGENTGUARD_BENCH_VALUE")) {
            throw new IllegalStateException("the granted variable was not passed to the child");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public String getenvAllowed() {
        return GuardBridge.getenv("AGENTGUARD_BENCH_VALUE", "x");
    }

    @Benchmark
    public InetAddress connectAllowed() {
        GuardBridge.connect("connect", loopback, 8080);
        return loopback;
    }

    @Benchmark
    public String fileReadAllowed() {
        GuardBridge.file(Guard.READ, "open", file);
        return file;
    }

    @Benchmark
    public Object[] execAllowed() {
        return GuardBridge.start(argv, environment, null);
    }
}
