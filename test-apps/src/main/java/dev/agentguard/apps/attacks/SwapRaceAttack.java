package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * {@code read-nio}, {@code write-io}, {@code write-nio}, {@code create-io}, {@code create-nio}, and the same
 * prefixed {@code leaf-} (only reads and writes), which swap the file {@code out/leaf} itself for the planted
 * link {@code out/leaflink} to the outside file instead of the folder. The test
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
        boolean leaf = kind.startsWith("leaf-");
        Thread swapper = new Thread(() -> swap(out, leaf ? "leaf" : "d", leaf ? "leaflink" : "alt", stop, swaps),
                "swapper");
        swapper.start();
        long attempts = 0;
        long allowed = 0;
        long denied = 0;
        long missing = 0;
        try {
            for (; attempts < maxAttempts && System.nanoTime() < deadline; attempts++) {
                Path target = leaf ? out.resolve("leaf")
                        : out.resolve("d").resolve(kind.startsWith("create") ? kind + "-" + attempts : "file");
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
            restore(out, leaf ? "leaf" : "d", leaf ? "leaflink" : "alt");
        }
        System.out.println("RESULT " + kind + " attempts=" + attempts + " allowed=" + allowed + " denied=" + denied
                + " missing=" + missing + " swaps=" + swaps.get());
    }

    /** One open of {@code target}: a read returns what it read; a write or create returns null. */
    private static String attempt(String kind, Path target) throws IOException {
        byte[] mark = MARK.getBytes(StandardCharsets.UTF_8);
        switch (kind.startsWith("leaf-") ? kind.substring(5) : kind) {
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

    /**
     * {@code name -> tmp, link -> name} (the link is in place), {@code name -> link, tmp -> name}: four allowed
     * renames per round. With {@code d}/{@code alt} the folder is swapped; with {@code leaf}/{@code leaflink}
     * the file itself.
     */
    private static void swap(Path out, String name, String link, AtomicBoolean stop, AtomicLong swaps) {
        Path real = out.resolve(name);
        Path tmp = out.resolve(name + "-tmp");
        Path planted = out.resolve(link);
        // A write race may create the file again while it is away: the moves into its place replace that.
        CopyOption[] into = name.equals("leaf") ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING}
                : new CopyOption[0];
        while (!stop.get()) {
            try {
                Files.move(real, tmp);
                Files.move(planted, real, into);
                Thread.onSpinWait();
                Files.move(real, planted);
                Files.move(tmp, real, into);
                swaps.incrementAndGet();
            } catch (IOException | SecurityException e) {
                System.out.println("SWAPPER " + e);
                return;
            }
        }
    }

    /** Leaves {@code name} the real one and {@code link} the link, however the swapper stopped. */
    private static void restore(Path out, String name, String link) throws IOException {
        Path real = out.resolve(name);
        if (Files.isSymbolicLink(real)) {
            Files.move(real, out.resolve(link));
        }
        if (Files.exists(out.resolve(name + "-tmp"))) {
            Files.move(out.resolve(name + "-tmp"), real, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
