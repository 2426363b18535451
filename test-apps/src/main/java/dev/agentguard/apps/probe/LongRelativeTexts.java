package dev.agentguard.apps.probe;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Asks about {@code count} distinct relative texts, each {@code length} characters long (far past PATH_MAX, so
 * the kernel answers ENAMETOOLONG and no file is ever found), with {@code File.exists} and a read open, drops every
 * text, collects the garbage and prints the heap still in use: {@code HEAP <bytes>}. A guard that keeps such texts
 * keeps them alive after the application dropped them. Args: count length [ops: exists,open].
 */
public final class LongRelativeTexts {
    private LongRelativeTexts() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        String ops = args.length > 2 ? args[2] : "exists,open";
        long before = usedAfterGc();
        int found = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(length);
            sb.append(i).append('/');
            while (sb.length() < length) {
                sb.append('n');
            }
            String text = sb.toString();
            if (ops.contains("exists") && new File(text).exists()) {
                found++;
            }
            if (ops.contains("open")) {
                try (FileInputStream in = new FileInputStream(text)) {
                    found++;
                } catch (IOException | SecurityException e) {
                    // ENAMETOOLONG or denied: either way nothing was opened
                }
            }
        }
        long after = usedAfterGc();
        System.out.println("FOUND " + found);
        System.out.println("HEAP " + Math.max(0, after - before));
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            used = Math.min(used, heap.getUsed());
        }
        return used;
    }
}
