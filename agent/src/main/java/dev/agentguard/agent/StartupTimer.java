package dev.agentguard.agent;

/**
 * Start-up phase timings, printed to stderr when {@code -Dagentguard.timing=true}: where the guard's
 * start-up time goes (policy, bridge, audit log, hooks, self-test). Off by default, and then free.
 */
final class StartupTimer {
    private static final boolean ON = Boolean.getBoolean("agentguard.timing");
    private static long last = System.nanoTime();
    private static final long FIRST = last;

    private StartupTimer() {}

    static void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        System.err.printf("agentguard: timing %-22s %6.1f ms (total %6.1f ms)%n", phase, (now - last) / 1e6,
                (now - FIRST) / 1e6);
        last = now;
    }

    /**
     * The calling thread's time on a CPU so far, in ms (from {@code /proc/thread-self/schedstat}), or -1: on a
     * shared machine it is disturbed far less than wall time. Only read when timing is on.
     */
    static double cpuMillis() {
        if (!ON) {
            return -1;
        }
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/thread-self/schedstat")),
                    java.nio.charset.StandardCharsets.US_ASCII);
            return Long.parseLong(stat.substring(0, stat.indexOf(' '))) / 1e6;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A count inside the last phase. */
    static void count(String what, int count) {
        if (ON) {
            System.err.printf("agentguard: timing   %-20s %6d%n", what, count);
        }
    }

    /** A figure inside the last phase, printed as is. */
    static void note(String what, double millis) {
        if (ON) {
            System.err.printf("agentguard: timing   %-20s %6.1f ms%n", what, millis);
        }
    }
}
