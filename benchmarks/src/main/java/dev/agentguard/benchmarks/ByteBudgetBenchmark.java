package dev.agentguard.benchmarks;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.budget.ByteBudgets;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * What the outbound byte hooks add to a socket write: {@code ByteBudgets.charge} on its own (a total
 * budget; a total plus per-host budgets matched by name), and {@code Enforcer.outbound} as a hook calls it,
 * with no budgets (the common case) and with both kinds. The limits are far above what a run charges, so
 * every call is a successful charge (a refused one writes an audit record and is not the hot path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ByteBudgetBenchmark {
    private static final long HUGE = Long.MAX_VALUE / 4;

    private ByteBudgets totalOnly;
    private ByteBudgets totalAndHosts;
    private String[] noNames;
    private String[] names;
    private Enforcer unlimited;
    private Enforcer limited;
    private InetAddress peer;
    private long chunk;
    private Path dir;

    @Setup
    public void setUp() throws IOException, PolicyException {
        totalOnly = new ByteBudgets(HUGE, Map.of());
        totalAndHosts = new ByteBudgets(HUGE, Map.of("api.openai.com", HUGE, "*.github.com", HUGE,
                "uploads.example.com", HUGE));
        noNames = new String[0];
        names = new String[] {"api.github.com"};
        chunk = 16_384;
        peer = InetAddress.getByAddress(new byte[] {(byte) 140, 82, 112, 6});
        dir = Files.createTempDirectory("byte-budget-bench");
        unlimited = enforcer("");
        limited = enforcer("budgets:\n  outbound_bytes: 1000000GiB\n  outbound_bytes_per_host: {\"api.github.com\": 1000000GiB}\n");
    }

    private Enforcer enforcer(String budgets) throws IOException, PolicyException {
        Path audit = dir.resolve("audit-" + budgets.length() + ".jsonl");
        String text = "version: 1\nmode: enforce\naudit: {file: " + audit + "}\nnetwork:\n  connect: [\"api.github.com:443\"]\n"
                + budgets;
        Policy policy = PolicyLoader.parse("bench-budget.yaml", null, text, PolicyEngineBenchmark.context(), Overrides.NONE);
        AuditLog log = AuditLog.open(audit, 4242L, policy.mode());
        return new Enforcer(policy, new Verdicts(policy.mode(), log, policy.audit().allowed()));
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public String chargeTotal() {
        return totalOnly.charge(chunk, noNames, null);
    }

    @Benchmark
    public String chargeTotalAndHost() {
        return totalAndHosts.charge(chunk, names, null);
    }

    @Benchmark
    public boolean outboundNoBudgets() {
        return unlimited.outbound("write", peer, chunk);
    }

    @Benchmark
    public boolean outboundBudgets() {
        return limited.outbound("write", peer, chunk);
    }
}
