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
                new Workload("exec", "ProcessBuilder(\"/bin/true\").start(), waitFor", 20, Target.ratio(1.02)),
                // Issue 13: file checks at depth 2 (data/small.txt, as file-io) and 12 below the working directory.
                new Workload("io-d12", "java.io as file-io, the file 12 components below the working directory", 2000,
                        Target.ratio(1.15)),
                // The same two reads named by a relative path, as many applications name their files: the guard makes
                // the absolute form itself.
                new Workload("io-d12-rel", "io-d12, the file named by a relative path", 2000, Target.ratio(1.15)),
                new Workload("readall-d12-rel", "readall-d12, the file named by a relative Path", 2000,
                        Target.ratio(1.15)),
                new Workload("readall-d2", "NIO: Files.readAllBytes(data/small.txt)", 2000, Target.ratio(1.15)),
                new Workload("readall-d12", "NIO: Files.readAllBytes, the file 12 components deep", 2000,
                        Target.ratio(1.15)),
                new Workload("exists-size-d2", "NIO: Files.exists then Files.size of data/small.txt", 2000,
                        Target.ratio(1.3)),
                new Workload("exists-size-d12", "NIO: Files.exists then Files.size, the file 12 components deep", 2000,
                        Target.ratio(1.3)),
                new Workload("missing-d12", "NIO: Files.exists of a missing name, 12 components deep", 2000,
                        Target.ratio(1.3)),
                new Workload("io-meta-d12", "java.io: File.exists, isFile, length, the file 12 components deep", 2000,
                        Target.ratio(1.3)),
                new Workload("file-list", "java.io: File.list of a folder of 100 files", 500, Target.ratio(1.10)),
                // Issue 13d: changes pinned in the decided folder (the guard opens it and acts on /proc/self/fd/D/leaf).
                new Workload("attr-nio", "NIO: Files.setLastModifiedTime of data/out/attr.txt", 2000, Target.none()),
                new Workload("attr-io", "java.io: File.setLastModified of data/out/attr.txt", 2000, Target.none()),
                // Issue 13: a mode change that follows links acts on /proc/self/fd/L, L the leaf named with O_PATH.
                new Workload("chmod-nio", "NIO: Files.setPosixFilePermissions of data/out/attr.txt", 2000, Target.none()),
                new Workload("create-io", "java.io: File.createNewFile then File.delete of data/out/new.txt", 1000,
                        Target.none()));
    }

    /**
     * The workloads also measured in a JVM's first second ({@link Workloads#early}), one fresh JVM each: short-lived
     * agent processes never reach steady state. The targets are the steady-state ones.
     */
    /** A workload whose guarded cost is a file check on this thread (its CPU time tells the check's cost). */
    boolean fileCheck() {
        return List.of("file-io", "file-nio", "dir-list", "io-d12", "io-d12-rel", "readall-d12-rel", "readall-d2", "readall-d12", "exists-size-d2",
                "exists-size-d12", "missing-d12", "io-meta-d12", "file-list", "attr-nio", "attr-io", "chmod-nio", "create-io").contains(name);
    }

    static List<Workload> early() {
        // exec: issue 16 measured process start in a JVM's first seconds too (ONLY=exec runs it alone).
        List<String> names = List.of("file-io", "io-d12", "readall-d2", "readall-d12", "exists-size-d12", "exec");
        return all().stream().filter(w -> names.contains(w.name())).toList();
    }
}
