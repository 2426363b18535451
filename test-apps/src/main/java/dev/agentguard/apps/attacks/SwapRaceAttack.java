package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The check-then-open race of issue 13, item 4: a second thread swaps a directory by two renames the
 * policy allows ({@code out/d} away, then a planted link {@code out/alt} to a folder outside the grants into
 * its place, and back), while the main thread opens {@code out/d/<name>} again and again. Before the guard
 * decided on the object the kernel opened, a read won within a few thousand attempts.
 *
 * <p>Usage: {@code SwapRaceAttack <out dir> <max attempts> <max millis> <kind>...}, one race per kind in
 * turn, each bounded by both limits; kinds: {@code read-io},
 * {@code read-nio}, {@code write-io}, {@code write-nio}, {@code create-io}, {@code create-nio}. The test
 * made {@code out/d/file} (harmless content; a write race overwrites it, which is granted) and {@code out/alt}, a link to the outside folder holding
 * {@code file} (the canary). Prints {@code RESULT <kind> attempts=N allowed=A denied=D missing=M swaps=S} and, for
 * each read that returned something else than the harmless content, {@code LEAKED <kind> <content>}. Whether a
 * write or a create reached the outside folder is checked from outside, by the test.
 */
public final class SwapRaceAttack {
    static final String HARMLESS = "harmless";
    /** What a write race writes: granted content, inside the grant. */
    static final String MARK = "written-by-the-race";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long maxAttempts = Long.parseLong(args[1]);
        long maxMillis = Long.parseLong(args[2]);
        for (int i = 3; i < args.length; i++) {
            race(out, args[i], maxAttempts, maxMillis);
        }
    }

    private static void race(Path out, String kind, long maxAttempts, long maxMillis) throws Exception {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        Thread swapper = new Thread(() -> swap(out, stop, swaps), "swapper");
        swapper.start();
        long attempts = 0;
        long allowed = 0;
        long denied = 0;
        long missing = 0;
        try {
            for (; attempts < maxAttempts && System.nanoTime() < deadline; attempts++) {
                Path target = out.resolve("d").resolve(kind.startsWith("create") ? kind + "-" + attempts : "file");
                try {
                    String read = attempt(kind, target);
                    if (read != null && !read.equals(HARMLESS) && !read.equals(MARK)) {
                        System.out.println("LEAKED " + kind + " " + read);
                    }
                    allowed++;
                } catch (SecurityException e) {
                    denied++;
                } catch (IOException e) {
                    missing++; // the folder was away between two renames
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
            restore(out);
        }
        System.out.println("RESULT " + kind + " attempts=" + attempts + " allowed=" + allowed + " denied=" + denied
                + " missing=" + missing + " swaps=" + swaps.get());
    }

    /** One open of {@code target}: a read returns what it read; a write or create returns null. */
    private static String attempt(String kind, Path target) throws IOException {
        byte[] mark = MARK.getBytes(StandardCharsets.UTF_8);
        switch (kind) {
            case "read-io":
                try (InputStream in = new FileInputStream(target.toString())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            case "read-nio":
                return Files.readString(target);
            case "write-io":
            case "create-io":
                try (OutputStream o = new FileOutputStream(target.toString())) {
                    o.write(mark);
                }
                return null;
            case "write-nio":
                Files.write(target, mark);
                return null;
            case "create-nio":
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW).close();
                return null;
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** d -> tmp, alt -> d (the link is in place), d -> alt, tmp -> d: four allowed renames per round. */
    private static void swap(Path out, AtomicBoolean stop, AtomicLong swaps) {
        Path d = out.resolve("d");
        Path tmp = out.resolve("tmp");
        Path alt = out.resolve("alt");
        while (!stop.get()) {
            try {
                Files.move(d, tmp);
                Files.move(alt, d);
                Thread.onSpinWait();
                Files.move(d, alt);
                Files.move(tmp, d);
                swaps.incrementAndGet();
            } catch (IOException | SecurityException e) {
                System.out.println("SWAPPER " + e);
                return;
            }
        }
    }

    /** Leaves {@code out/d} the folder and {@code out/alt} the link, however the swapper stopped. */
    private static void restore(Path out) throws IOException {
        Path d = out.resolve("d");
        if (Files.isSymbolicLink(d)) {
            Files.move(d, out.resolve("alt"));
        }
        if (Files.exists(out.resolve("tmp"))) {
            Files.move(out.resolve("tmp"), d);
        }
    }
}
