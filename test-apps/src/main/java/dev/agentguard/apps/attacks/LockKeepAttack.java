package dev.agentguard.apps.attacks;

import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue-13 review, hole 3: closing any descriptor of a file releases all of the process's POSIX
 * ({@code fcntl}) locks on it, and {@code FileChannel.lock()} takes such a lock. Where the guard opens a
 * descriptor of its own to a file and closes it, the application's lock is silently gone. This program
 * locks {@code out/locked}, then does one guarded operation per step on that file or its folder, keeping
 * every descriptor the operation gave it open (closing its own would release the lock without the guard).
 * After each step it writes {@code <sync>/ready-N} and waits (bounded) for {@code <sync>/ack-N}: meanwhile
 * the test, another process, tries to take the lock.
 *
 * <p>Usage: {@code LockKeepAttack <out dir> <sync dir>}. Prints {@code STEP N name} before each step's
 * file and {@code FAILED name exception} for a step that threw.
 */
public final class LockKeepAttack {
    static final String[] STEPS = {"locked", "java.io-append", "java.io-write-sibling", "nio-append",
        "random-access-rw", "java.io-read", "nio-read", "queries", "file-list", "nio-list", "nio-delete-sibling",
        "io-delete-sibling", "nio-move-sibling", "io-rename-sibling", "nio-mkdir-sibling"};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path sync = Path.of(args[1]);
        Path locked = out.resolve("locked");
        List<Closeable> kept = new ArrayList<>();
        FileChannel lockChannel = FileChannel.open(locked, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock();
        for (int step = 0; step < STEPS.length; step++) {
            String name = STEPS[step];
            try {
                act(name, out, locked, kept);
            } catch (Exception e) {
                System.out.println("FAILED " + name + " " + e);
            }
            System.out.println("STEP " + step + " " + name);
            System.out.flush();
            Files.writeString(sync.resolve("ready-" + step), name);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(sync.resolve("ack-" + step)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        System.out.println("LOCK-VALID " + lock.isValid());
        for (Closeable c : kept) {
            c.close();
        }
        lockChannel.close();
    }

    private static void act(String name, Path out, Path locked, List<Closeable> kept) throws Exception {
        File lockedFile = locked.toFile();
        switch (name) {
            case "locked" -> { }
            case "java.io-append" -> kept.add(new FileOutputStream(lockedFile, true));
            case "java.io-write-sibling" -> kept.add(new FileOutputStream(out.resolve("sibling").toFile()));
            case "nio-append" -> kept.add(Files.newOutputStream(locked, StandardOpenOption.APPEND));
            case "random-access-rw" -> kept.add(new RandomAccessFile(lockedFile, "rw"));
            case "java.io-read" -> kept.add(new FileInputStream(lockedFile));
            case "nio-read" -> kept.add(Files.newInputStream(locked));
            case "queries" -> {
                Files.exists(locked);
                Files.size(locked);
                Files.isRegularFile(locked);
                Files.isReadable(locked);
                Files.getLastModifiedTime(locked);
                locked.toRealPath();
                lockedFile.exists();
                lockedFile.length();
                lockedFile.canWrite();
                lockedFile.lastModified();
            }
            case "file-list" -> out.toFile().list();
            case "nio-list" -> {
                try (Stream<Path> s = Files.list(out)) {
                    s.count();
                }
            }
            case "nio-delete-sibling" -> Files.delete(out.resolve("sibling"));
            case "io-delete-sibling" -> {
                Files.writeString(out.resolve("sibling2"), "x");
                out.resolve("sibling2").toFile().delete();
            }
            case "nio-move-sibling" -> {
                Files.writeString(out.resolve("sibling3"), "x");
                Files.move(out.resolve("sibling3"), out.resolve("sibling4"));
            }
            case "io-rename-sibling" -> out.resolve("sibling4").toFile().renameTo(out.resolve("sibling5").toFile());
            case "nio-mkdir-sibling" -> Files.createDirectory(out.resolve("made"));
            default -> throw new IllegalArgumentException(name);
        }
    }
}
