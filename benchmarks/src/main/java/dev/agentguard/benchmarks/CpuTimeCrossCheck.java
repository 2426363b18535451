package dev.agentguard.benchmarks;

import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.file.PathRule;
import dev.agentguard.policy.file.ProtectedPath;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * Not a JMH benchmark: a cross-check for a busy machine. JMH reports wall-clock time per operation,
 * which on a machine with more runnable threads than cores includes the time the benchmark thread
 * spent descheduled. This measures the same allowed file read, and each file rule it has to try, in
 * <em>CPU</em> time of the measuring thread, so the share of the cost that is the matching itself is
 * visible, rule by rule.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.CpuTimeCrossCheck}
 */
public final class CpuTimeCrossCheck {
    private static final int WARMUP = 2_000_000;
    private static final int MEASURED = 5_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeCrossCheck() {}

    public static void main(String[] args) throws Exception {
        PolicyEngineBenchmark b = new PolicyEngineBenchmark();
        b.load();
        System.out.printf("%10s  %s%n", "CPU ns/op", "what (JDK " + Runtime.version() + ")");
        report("fileReadAllowed (whole decision)", () -> b.fileReadAllowed().allowed());
        report("fileReadDenied (whole decision)", () -> b.fileReadDenied().allowed());
        report("connectByNameAllowed", () -> b.connectByNameAllowed().allowed());
        report("connectByCidrAllowed", () -> b.connectByCidrAllowed().allowed());
        report("processExecAllowed", () -> b.processExecAllowed().allowed());
        report("envReadAllowed", () -> b.envReadAllowed().allowed());

        // The rules the allowed read tries, in the order FileRules tries them.
        FileRules files = b.policyForCrossCheck().files();
        String path = b.allowedReadPathForCrossCheck();
        for (ProtectedPath p : files.protectedPaths()) {
            report("  protected " + p.glob().pattern(), () -> p.glob().matches(path));
        }
        for (PathRule r : files.denyRules()) {
            report("  files.deny " + r.glob().pattern(), () -> r.glob().matchesSelfOrAncestor(path));
        }
        for (PathRule r : files.readRules()) {
            report("  files.read " + r.glob().pattern(), () -> r.glob().matches(path));
            if (r.glob().matches(path)) {
                break;
            }
        }
        System.out.println("  (path: " + path + ", access " + FileAccess.READ + ")");
    }

    private static void report(String what, BooleanSupplier op) {
        int sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += op.getAsBoolean() ? 1 : 0;
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += op.getAsBoolean() ? 1 : 0;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        System.out.printf("%10.1f  %s%s%n", (double) cpu / MEASURED, what, sink < 0 ? "" : "");
    }
}
