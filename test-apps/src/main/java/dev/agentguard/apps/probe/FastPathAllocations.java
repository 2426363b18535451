package dev.agentguard.apps.probe;

import com.sun.management.ThreadMXBean;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap bytes this thread allocates per allowed file operation, on relative paths 12 components deep (the
 * form most applications use), once the JIT has compiled the loop: run with and without the guard, the two
 * tell what the guard's allowed fast path allocates. Prints {@code ALLOC <op> <bytes per op>}, the least of
 * three rounds. Expects {@code data/d1/.../d10/small.txt} under the working directory.
 */
public final class FastPathAllocations {
    private static final String FILE = "data/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/small.txt";
    private static final int OPS = 20_000;
    private static long sink;

    private FastPathAllocations() {}

    interface Op {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path path = Path.of(FILE);
        byte[] buffer = new byte[8192];
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("java.io-read", () -> {
            try (InputStream in = new FileInputStream(FILE)) {
                while (in.read(buffer) > 0) {
                    sink++;
                }
            }
        });
        ops.put("nio-readAllBytes", () -> sink += Files.readAllBytes(path).length);
        ops.put("nio-exists-size", () -> {
            if (Files.exists(path)) {
                sink += Files.size(path);
            }
        });
        ops.put("java.io-exists", () -> {
            if (new File(FILE).exists()) {
                sink++;
            }
        });
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            Op op = e.getValue();
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < OPS; i++) {
                    op.run();
                }
                long perOp = (threads.getCurrentThreadAllocatedBytes() - before) / OPS;
                if (round >= 5) {
                    least = Math.min(least, perOp); // the first rounds are the warm-up
                }
            }
            System.out.println("ALLOC " + e.getKey() + " " + least);
        }
        System.err.println("sink " + sink);
    }
}
