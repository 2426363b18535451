package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.FileFilter;
import java.io.FilenameFilter;
import java.nio.file.Files;

/**
 * Queries made from the application's own code while another query is under way on the same thread (the guard
 * answers yes/no, type and size queries from one look holder per thread, perf25): a {@code File} subclass whose
 * {@code getPath()}, {@code toString()} and {@code getAbsolutePath()} name the other file and make a query of their
 * own, and {@code FileFilter} / {@code FilenameFilter} callbacks of {@code listFiles} that query a denied and a
 * granted file. java.io reads a {@code File}'s path field, so every answer is about the field's object; the denied
 * file (17 bytes) is never present, never sized. Prints {@code rounds: N} and {@code errors: N} (the first few).
 *
 * <p>Arguments: a granted file of 10 bytes, a denied file of 17 bytes, the granted folder holding the first, the
 * milliseconds to run.
 */
public final class NestedQueryAttack {
    private NestedQueryAttack() {}

    private static int errors;
    static File ten;
    static File denied;

    /** A File whose methods the application overrides to name the other file and to make a query themselves. */
    static final class Twisted extends File {
        private final File other;

        Twisted(String path, File other) {
            super(path);
            this.other = other;
        }

        @Override
        public String getPath() {
            inner();
            return other.getPath();
        }

        @Override
        public String toString() {
            inner();
            return other.toString();
        }

        @Override
        public String getAbsolutePath() {
            inner();
            return other.getAbsolutePath();
        }
    }

    /** A nested query from inside the outer one's call: each must answer about its own object. */
    static void inner() {
        expect("inner length ten", ten.length(), 10L);
        expect("inner denied exists", denied.exists(), false);
        expect("inner Files.exists denied", Files.exists(denied.toPath()), false);
    }

    public static void main(String[] args) throws Exception {
        ten = new File(args[0]);
        denied = new File(args[1]);
        File folder = new File(args[2]);
        long until = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000L;
        File tenNamingDenied = new Twisted(args[0], denied);
        File deniedNamingTen = new Twisted(args[1], ten);
        long rounds = 0;
        while (System.nanoTime() < until) {
            rounds++;
            expect("twisted ten exists", tenNamingDenied.exists(), true);
            expect("twisted ten length", tenNamingDenied.length(), 10L);
            expect("twisted ten isFile", tenNamingDenied.isFile(), true);
            expect("twisted denied exists", deniedNamingTen.exists(), false);
            expect("twisted denied isFile", deniedNamingTen.isFile(), false);
            try {
                expect("twisted denied length", deniedNamingTen.length(), -1L);
            } catch (SecurityException e) {
                // denied
            }
            expect("Files.exists twisted ten", Files.exists(tenNamingDenied.toPath()), true);
            expect("Files.exists twisted denied", Files.exists(deniedNamingTen.toPath()), false);
            File[] byFilter = folder.listFiles(new FileFilter() {
                @Override
                public boolean accept(File f) {
                    inner();
                    return f.isFile() && f.length() == 10L;
                }
            });
            expect("listFiles(FileFilter) found ten", byFilter != null && byFilter.length == 1, true);
            String[] byName = folder.list(new FilenameFilter() {
                @Override
                public boolean accept(File dir, String name) {
                    inner();
                    return new File(dir, name).length() == 10L;
                }
            });
            expect("list(FilenameFilter) found ten", byName != null && byName.length == 1, true);
        }
        System.out.println("rounds: " + rounds);
        System.out.println("errors: " + errors);
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
