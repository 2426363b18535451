package dev.agentguard.apps.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits, before a workload JVM measures anything, until the JIT compilers have gone quiet: on a 2-core
 * machine the compiler threads still working through start-up code (the guard's, when it is there) take a
 * core from the workload for the first seconds and would be measured as per-call cost. Every setup waits
 * the same way; how long it waited is printed ({@code SETTLED <ms>}) and reported, so that this one-time
 * cost is shown, not hidden.
 */
final class JitSettle {
    /**
     * Quiet means: the total compilation time, which the JVM counts in whole milliseconds, did not grow for
     * this many consecutive windows of {@link #WINDOW_MS} (compilations adding up to under 1 ms go unseen).
     */
    private static final int QUIET_WINDOWS = 3;
    private static final long WINDOW_MS = 100;
    /** The wait is bounded: a JVM whose compilers never go quiet is measured anyway, after this long. */
    private static final long LIMIT_MS = 15_000;

    private JitSettle() {}

    /** Milliseconds from JVM start until the compilers were quiet (or the limit was reached). */
    static long await() throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long began = System.nanoTime();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        }
        long last = compiler.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_WINDOWS && (System.nanoTime() - began) / 1_000_000 < LIMIT_MS) {
            Thread.sleep(WINDOW_MS);
            long now = compiler.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
