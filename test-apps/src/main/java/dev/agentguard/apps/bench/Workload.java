package dev.agentguard.apps.bench;

import java.util.List;

/**
 * One workload of the overhead benchmark: its name in {@link Workloads}, what it does, how many operations a
 * batch holds (sized so that a guarded batch takes 5-100 ms on a 2-core machine), and the
 * issue's target for the guard's overhead on it.
 */
record Workload(String name, String description, int iterations, Target target) {

    /** A target from the issue: either a ratio to the run without an agent, or nanoseconds added per operation. */
    record Target(String text, double maxRatio, double maxAddedNs) {
        static Target ratio(double max) {
            return new Target("≤ " + max + "×", max, Double.NaN);
        }

        static Target addedNs(double max) {
            return new Target("< " + (long) max + " ns added", Double.NaN, max);
        }

        static Target none() {
            return new Target("none (only: faster than the SM)", Double.NaN, Double.NaN);
        }

        boolean hasOne() {
            return !Double.isNaN(maxRatio) || !Double.isNaN(maxAddedNs);
        }

        boolean met(double baselineNs, double guardedNs) {
            if (!Double.isNaN(maxRatio)) {
                return guardedNs / baselineNs <= maxRatio;
            }
            if (!Double.isNaN(maxAddedNs)) {
                return guardedNs - baselineNs < maxAddedNs;
            }
            return true;
        }
    }

    static List<Workload> all() {
        // In the order they run in one JVM: getenv first, while the batch loop's call site has seen one
        // workload only (the cheapest operation is the one a megamorphic call would disturb most).
        return List.of(
                new Workload("getenv", "System.getenv of a granted name", 200_000, Target.addedNs(50)),
                new Workload("file-io", "java.io: new FileInputStream(4 KiB file), read to the end, close", 2000,
                        Target.ratio(1.05)),
                new Workload("file-nio", "NIO: Files.newByteChannel(4 KiB file), read to the end, close", 2000,
                        Target.ratio(1.05)),
                new Workload("dir-list", "NIO: Files.newDirectoryStream of a folder of 32 files, iterate, close", 200,
                        Target.none()),
                new Workload("tcp", "new Socket, connect to 127.0.0.1 (server thread in the JVM), write 64 B, close",
                        100, Target.none()),
                new Workload("http", "HttpClient GET of a 16 B body from com.sun.net.httpserver on 127.0.0.1 (keep-alive)",
                        50, Target.ratio(1.03)),
                new Workload("exec", "ProcessBuilder(\"/bin/true\").start(), waitFor", 20, Target.ratio(1.02)));
    }
}
