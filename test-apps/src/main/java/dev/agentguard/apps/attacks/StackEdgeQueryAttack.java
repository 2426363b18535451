package dev.agentguard.apps.attacks;

import java.io.File;
import java.nio.file.Files;

/**
 * Yes/no, type and size queries made at the very edge of the thread's stack, so that the guard's check runs out of
 * stack at every point in turn: between its look into the per-thread holder (perf25) and the decision, while the
 * holder's identity is being filled, while an object is being remembered. A check that fails must deny (fail
 * closed), and what the failed check left in the holder or in the guard's memory must never answer a later query:
 * the denied file (17 bytes) is never present or sized, the granted file (10 bytes) never has another size, and a
 * shallow query after each round answers exactly. Prints {@code errors: N}, {@code overflows: N},
 * {@code denied: N} (SecurityExceptions, granted ones included: a check that ran out of stack denies) and
 * {@code exact: N} (granted sizes answered right).
 *
 * <p>Arguments: a granted file of 10 bytes, a denied file of 17 bytes, a granted name that does not exist, the
 * milliseconds to run.
 */
public final class StackEdgeQueryAttack {
    private StackEdgeQueryAttack() {}

    private static File ten;
    private static File denied;
    private static File missing;
    private static int errors;
    private static int overflows;
    private static int securities;
    private static int exact;
    private static int left;

    public static void main(String[] args) {
        ten = new File(args[0]);
        denied = new File(args[1]);
        missing = new File(args[2]);
        long until = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000L;
        while (System.nanoTime() < until) {
            for (int k = 0; k < 200 && System.nanoTime() < until; k++) {
                left = k * 3; // frames to unwind from the edge before probing: every depth near it in turn
                try {
                    fill();
                } catch (StackOverflowError e) {
                    overflows++;
                }
            }
            probe(); // shallow: must be exact
        }
        System.out.println("errors: " + errors);
        System.out.println("overflows: " + overflows);
        System.out.println("denied: " + securities);
        System.out.println("exact: " + exact);
    }

    private static void fill() {
        try {
            fill();
        } catch (StackOverflowError e) {
            if (left-- > 0) {
                throw e;
            }
            probe();
        }
    }

    private static void probe() {
        try {
            long n = ten.length();
            if (n == 10L) {
                exact++;
            } else {
                error("ten length " + n);
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
        try {
            if (denied.exists()) {
                error("denied exists");
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
        try {
            if (Files.exists(denied.toPath())) {
                error("Files.exists denied");
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
        try {
            error("denied length " + denied.length());
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
        try {
            if (missing.exists()) {
                error("missing exists");
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
        try {
            if (!ten.isFile()) {
                error("ten is not a file");
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SecurityException e) {
            securities++;
        }
    }

    private static void error(String message) {
        if (++errors <= 10) {
            System.out.println("error: " + message);
        }
    }
}
