package dev.agentguard.apps.attacks;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Yes/no, type and size queries (which the guard answers from its per-thread look holder, perf25) on many threads
 * at once: virtual threads where the JDK has them (21+; they move between carrier threads at every park), platform
 * threads on 17, each asking about the objects in another order, parking now and then; while, outside this JVM, a
 * symbolic link in the granted folder is swapped between the granted 10-byte file and the denied 17-byte one. Every
 * answer must be about the object asked, every denial a denial: the granted files' sizes and types, a denied file
 * missing, and the link either the granted file (10 bytes), or denied, never 17 bytes.
 * Prints {@code threads: N virtual: B}, {@code queries: N}, {@code link granted: N}, {@code link denied: N} and
 * {@code errors: N} (with the first few).
 *
 * <p>Arguments: a granted file of 10 bytes, a granted file of 20 bytes, a granted folder, a denied file of 17
 * bytes, the swapped link, the milliseconds to run.
 */
public final class ThreadedQueryAttack {
    private ThreadedQueryAttack() {}

    private static final AtomicLong ERRORS = new AtomicLong();
    private static final AtomicLong QUERIES = new AtomicLong();
    private static final AtomicLong LINK_GRANTED = new AtomicLong();
    private static final AtomicLong LINK_DENIED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        File ten = new File(args[0]);
        File twenty = new File(args[1]);
        File folder = new File(args[2]);
        File denied = new File(args[3]);
        File link = new File(args[4]);
        long until = System.nanoTime() + Long.parseLong(args[5]) * 1_000_000L;
        Method ofVirtual = null;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            // JDK 17: platform threads
        }
        int count = 8;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int shift = i;
            Runnable body = new Runnable() {
                @Override
                public void run() {
                    long round = 0;
                    while (System.nanoTime() < until) {
                        for (int k = 0; k < 6; k++) {
                            ask((k + shift) % 6, ten, twenty, folder, denied, link);
                            if (((round + k) & 7) == 0) {
                                LockSupport.parkNanos(1_000); // a virtual thread unmounts and may move
                            }
                        }
                        round++;
                    }
                }
            };
            Thread t;
            if (ofVirtual != null) {
                Object builder = ofVirtual.invoke(null);
                t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                        .invoke(builder, body);
            } else {
                t = new Thread(body);
            }
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("threads: " + count + " virtual: " + (ofVirtual != null));
        System.out.println("queries: " + QUERIES.get());
        System.out.println("link granted: " + LINK_GRANTED.get());
        System.out.println("link denied: " + LINK_DENIED.get());
        System.out.println("errors: " + ERRORS.get());
    }

    private static void ask(int which, File ten, File twenty, File folder, File denied, File link) {
        QUERIES.incrementAndGet();
        switch (which) {
            case 0:
                expect("length ten", ten.length(), 10L);
                expect("Files.exists ten", Files.exists(ten.toPath()), true);
                break;
            case 1:
                expect("denied exists", denied.exists(), false);
                expect("denied isFile", denied.isFile(), false);
                expect("Files.exists denied", Files.exists(denied.toPath()), false);
                break;
            case 2:
                expect("length twenty", twenty.length(), 20L);
                expect("twenty isDirectory", twenty.isDirectory(), false);
                break;
            case 3:
                expect("folder isDirectory", folder.isDirectory(), true);
                expect("Files.isRegularFile folder", Files.isRegularFile(folder.toPath()), false);
                break;
            case 4:
                try {
                    long n = denied.length();
                    expect("length denied", n, -1L);
                } catch (SecurityException e) {
                    // denied
                }
                break;
            default:
                askLink(link);
        }
    }

    /** The swapped link: 10 bytes (the granted file) or denied; never the denied file's 17. */
    private static void askLink(File link) {
        try {
            long n = link.length();
            if (n == 10L) {
                LINK_GRANTED.incrementAndGet();
            } else if (n != 0L) { // 0: the name missing for an instant during the swap
                expect("length link", n, 10L);
            }
        } catch (SecurityException e) {
            LINK_DENIED.incrementAndGet();
        }
        try {
            long n = Files.size(link.toPath());
            expect("Files.size link", n, 10L);
        } catch (SecurityException e) {
            LINK_DENIED.incrementAndGet();
        } catch (NoSuchFileException e) {
            LINK_DENIED.incrementAndGet(); // a denied query answered as missing
        } catch (Exception e) {
            error("Files.size link threw " + e);
        }
    }

    private static void expect(String what, Object got, Object wanted) {
        if (!got.equals(wanted)) {
            error(what + " answered " + got + ", not " + wanted);
        }
    }

    private static void error(String message) {
        if (ERRORS.incrementAndGet() <= 10) {
            System.out.println("error: " + message);
        }
    }
}
