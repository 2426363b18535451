package dev.agentguard.benchmarks;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decisions the agent's hot path asks of the compiled policy, with the arguments the hooks already
 * hold: both forms of a path, the resolved program and argv, the name and address bytes of a connect.
 * The filesystem work of the real form is left out here on purpose and measured by
 * {@link RealPathBenchmark}, so that each cost is visible on its own.
 *
 * <p>Every benchmark returns its decision so JMH consumes it; the argument fields are not final so the
 * JIT cannot fold the decision into a constant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyEngineBenchmark {
    static final String WORKDIR = "/srv/agent/work";
    static final String HOME = "/home/agent";

    private Policy policy;

    private String allowedReadGiven;
    private String allowedReadReal;
    private String deniedReadGiven;
    private String deniedReadReal;
    private String connectName;
    private byte[] connectNameAddress;
    private byte[] connectCidrAddress;
    private int httpsPort;
    private int postgresPort;
    private String gitProgram;
    private String[] gitDiffArgv;
    private String envName;

    @Setup
    public void load() throws IOException, PolicyException {
        policy = PolicyLoader.parse("bench-policy.yaml", null, policyText(), context(), Overrides.NONE);

        allowedReadGiven = WORKDIR + "/src/main/java/dev/example/agent/Planner.java";
        // The agent's real form is a separate string (Path.toString), equal in content: not the same instance.
        allowedReadReal = new String(allowedReadGiven.toCharArray());
        deniedReadGiven = HOME + "/.ssh/id_rsa";
        deniedReadReal = new String(deniedReadGiven.toCharArray());

        connectName = "api.github.com";
        connectNameAddress = new byte[] {(byte) 140, 82, 112, 6};
        connectCidrAddress = new byte[] {10, 1, 7, 42};
        httpsPort = 443;
        postgresPort = 5432;

        gitProgram = "/usr/bin/git";
        gitDiffArgv = new String[] {"git", "diff", "--stat", "HEAD~1", "--", "src/main/java"};
        envName = "PATH";

        requireAllowed(fileReadAllowed(), "file read");
        requireAllowed(connectByNameAllowed(), "connect by name");
        requireAllowed(connectByCidrAllowed(), "connect by CIDR");
        requireAllowed(processExecAllowed(), "process exec");
        requireAllowed(envReadAllowed(), "env read");
        if (fileReadDenied().allowed()) {
            throw new IllegalStateException("the denied file read was allowed: " + fileReadDenied());
        }
    }

    /** A fixed context, so results do not depend on who runs them; PATH must find git on this machine. */
    static PolicyContext context() {
        return new PolicyContext(WORKDIR, HOME, "/tmp", System.getProperty("java.home"), 4242L,
                "/usr/local/bin:/usr/bin:/bin", List.of(WORKDIR + "/target/classes"), null);
    }

    static String policyText() throws IOException {
        try (InputStream in = PolicyEngineBenchmark.class.getResourceAsStream("bench-policy.yaml")) {
            if (in == null) {
                throw new IOException("bench-policy.yaml is missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void requireAllowed(Decision decision, String what) {
        if (!decision.allowed()) {
            throw new IllegalStateException("the benchmark's " + what + " must be allowed, but: " + decision);
        }
    }

    Policy policyForCrossCheck() {
        return policy;
    }

    String allowedReadPathForCrossCheck() {
        return allowedReadGiven;
    }

    @Benchmark
    public Decision fileReadAllowed() {
        return policy.files().decide(FileAccess.READ, allowedReadGiven, allowedReadReal);
    }

    @Benchmark
    public Decision fileReadDenied() {
        return policy.files().decide(FileAccess.READ, deniedReadGiven, deniedReadReal);
    }

    @Benchmark
    public Decision connectByNameAllowed() {
        return policy.network().decideConnect(connectName, connectNameAddress, httpsPort);
    }

    @Benchmark
    public Decision connectByCidrAllowed() {
        return policy.network().decideConnect(null, connectCidrAddress, postgresPort);
    }

    @Benchmark
    public Decision processExecAllowed() {
        return policy.processes().decide(gitProgram, gitDiffArgv);
    }

    @Benchmark
    public Decision envReadAllowed() {
        return policy.env().decide(envName);
    }
}
