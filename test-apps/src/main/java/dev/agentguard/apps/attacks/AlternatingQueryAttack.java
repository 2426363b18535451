package dev.agentguard.apps.attacks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Yes/no, type and size queries of different objects in turn on one thread, for longer than the guard's
 * remembered objects take to settle (2 s), so that both the full decision and the remembered one are made: the
 * guard reads such a query's attributes into one holder per thread (perf25), and every answer must still be about
 * the object asked, every denial a denial. The denied file has the granted file's size and modification time,
 * and is asked right after it. Prints {@code iterations: N} and {@code errors: N} (with the first few errors).
 *
 * <p>Arguments: a granted file of 10 bytes, a granted file of 20 bytes, a granted folder, a denied file of 10
 * bytes, a granted name that does not exist, and the milliseconds to run.
 */
public final class AlternatingQueryAttack {
    private AlternatingQueryAttack() {}

    private static int errors;

    public static void main(String[] args) throws Exception {
        File ten = new File(args[0]);
        File twenty = new File(args[1]);
        File folder = new File(args[2]);
        File denied = new File(args[3]);
        File missing = new File(args[4]);
        long until = System.nanoTime() + Long.parseLong(args[5]) * 1_000_000L;
        long iterations = 0;
        while (System.nanoTime() < until) {
            iterations++;
            expect("length ten", ten.length(), 10L);
            expect("denied exists", denied.exists(), false);
            expect("denied isFile", denied.isFile(), false);
            expect("Files.exists denied", Files.exists(denied.toPath()), false);
            expect("length denied", deniedLength(denied), -1L);
            expect("length twenty", twenty.length(), 20L);
            expect("folder isDirectory", folder.isDirectory(), true);
            expect("folder isFile", folder.isFile(), false);
            expect("ten isFile", ten.isFile(), true);
            expect("ten isDirectory", ten.isDirectory(), false);
            expect("Files.exists ten", Files.exists(ten.toPath()), true);
            expect("Files.exists missing", Files.exists(missing.toPath()), false);
            expect("missing exists", missing.exists(), false);
            expect("Files.size twenty", Files.size(twenty.toPath()), 20L);
            expect("Files.isDirectory folder", Files.isDirectory(folder.toPath()), true);
            expect("Files.isRegularFile folder", Files.isRegularFile(folder.toPath()), false);
            expect("Files.exists folder", Files.exists(Path.of(folder.getPath())), true);
        }
        System.out.println("iterations: " + iterations);
        System.out.println("errors: " + errors);
    }

    private static long deniedLength(File denied) {
        try {
            return denied.length();
        } catch (SecurityException e) {
            return -1;
        }
    }

    private static void expect(String what, Object got, Object wanted) {
        if (!got.equals(wanted)) {
            errors++;
            if (errors <= 10) {
                System.out.println("error: " + what + " answered " + got + ", not " + wanted);
            }
        }
    }
}
