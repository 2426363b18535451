package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The swap race of issue 13, item 4 (see {@link SwapRaceAttack}), against what the issue-13 review found
 * still decided before the act on a path the kernel resolves again: a delete ({@code Files.delete},
 * {@code File.delete}) and the opens and deletes of a {@code SecureDirectoryStream} (whose entry may name a
 * folder below the stream's own, {@code d/file}). A second thread swaps {@code out/d} with the planted link
 * {@code out/alt} to a folder outside the grants by four allowed renames.
 *
 * <p>Usage: {@code ChangeSwapAttack <out dir> <max attempts> <max millis> <kind>...}; kinds: {@code delete-nio},
 * {@code delete-io}, {@code delete-sds}, {@code read-sds}, {@code write-nofollow},
 * {@code move-nio}, {@code move-io} (a move of {@code d/file} into {@code out/}, read there), {@code copy-nio}
 * (a copy into {@code out/}, read there), {@code mkdir-nio} ({@code d/made}), {@code chmod-nio} (mode 0777 on
 * {@code d/file}); the attribute setters {@code chmod-io} ({@code setExecutable}), {@code writable-io},
 * {@code times-io} ({@code setLastModified}), {@code setattr-nio} ({@code unix:mode}), {@code times-nio},
 * {@code view-nio} (a {@code BasicFileAttributeView}'s {@code setTimes}), {@code chmod-sds} and {@code times-sds}
 * (the views of the stream, on the entry {@code d/file}); the creates {@code createnew-io},
 * {@code mkdir-io}, {@code temp-io} ({@code File.createTempFile} in {@code d}), {@code temp-nio},
 * {@code tempdir-nio}, {@code symlink-nio} (each a new name in {@code d}, never removed); {@code link-nio} (a
 * hard link of {@code d/file} made in {@code out/}, read there); {@code move-sds} (the stream's move of
 * {@code d/file} into {@code out/}, read there); {@code leaf-times-nio}, {@code leaf-times-io},
 * {@code leaf-times-sds}, and the mode changes that follow a last link ({@code leaf-chmod-nio},
 * {@code leaf-setattr-nio} ({@code posix:permissions}), {@code leaf-view-nio} (a {@code PosixFileAttributeView}),
 * {@code leaf-executable-io}, {@code leaf-writable-io}, {@code leaf-readable-io} (taken away),
 * {@code leaf-readonly-io}): the times or mode of {@code d/file} while another thread swaps that file itself with the
 * link {@code d/lnk} to the outside file (the test plants it); {@code list-io} ({@code File.list} of {@code d}),
 * {@code list-nio} ({@code Files.list} of {@code d}; a listing that names anything but {@code file} is printed
 * as LEAKED), {@code connect-unix} (a Unix domain socket connect to {@code d/s.sock}; the test's servers tell
 * which socket it reached), {@code bind-unix} (a Unix domain socket bound to a new name {@code d/bN.sock}; its
 * local address, and an accepted channel's, must be the name asked for, else {@code ADDRESS} is printed). The test made {@code out/d/file} (harmless) and the
 * outside {@code file} (the canary). Prints {@code RESULT <kind> attempts=N allowed=A denied=D missing=M
 * swaps=S} and {@code LEAKED <kind> <content>} for a read of anything but the harmless content. Whether the
 * outside file was deleted is checked from outside, by the test.
 */
public final class ChangeSwapAttack {
    static final String HARMLESS = "harmless";
    static final String WRITTEN = "written-by-the-race";
    private static final AtomicLong COUNTER = new AtomicLong();
    /** How many accepted channels {@code bind-unix} looked at (printed with its RESULT line). */
    private static final AtomicLong ACCEPTED = new AtomicLong();

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
        long attempts = 0;
        long allowed = 0;
        long denied = 0;
        long missing = 0;
        // The kind before may have left d/file deleted or moved away (its last attempt raced the swap): put it
        // back, so that every kind starts with something to act on.
        recreate(out);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(out)) {
            if (!(stream instanceof SecureDirectoryStream)) {
                System.out.println("NO-SECURE-STREAM");
                return;
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) stream;
            Thread swapper = kind.startsWith("leaf-")
                    ? new Thread(() -> swapLeaf(out.resolve("d"), stop, swaps), "swapper")
                    : new Thread(() -> swap(out, stop, swaps), "swapper");
            swapper.start();
            try {
                for (; attempts < maxAttempts && System.nanoTime() < deadline; attempts++) {
                    try {
                        String read = attempt(kind, out, sds);
                        if (read != null && !read.equals(HARMLESS) && !read.equals(WRITTEN)) {
                            System.out.println("LEAKED " + kind + " " + read);
                        }
                        allowed++;
                    } catch (SecurityException e) {
                        denied++;
                    } catch (IOException e) {
                        missing++; // the folder was away between two renames, or the file was deleted already
                    }
                }
            } finally {
                stop.set(true);
                swapper.join(10_000);
                restore(out);
            }
        }
        System.out.println("RESULT " + kind + " attempts=" + attempts + " allowed=" + allowed + " denied=" + denied
                + " missing=" + missing + " swaps=" + swaps.get()
                + (kind.equals("bind-unix") ? " accepted=" + ACCEPTED.get() : ""));
    }

    /** One act on {@code out/d/file}: a read returns what it read; a delete returns null. */
    private static String attempt(String kind, Path out, SecureDirectoryStream<Path> sds) throws IOException {
        Path relative = Path.of("d", "file");
        switch (kind) {
            case "delete-nio":
                Files.delete(out.resolve(relative));
                recreate(out);
                return null;
            case "delete-io":
                if (!new File(out.resolve(relative).toString()).delete()) {
                    throw new IOException("not deleted");
                }
                recreate(out);
                return null;
            case "delete-sds":
                sds.deleteFile(relative);
                recreate(out);
                return null;
            case "write-nofollow":
                // A write that asks not to follow a last link: the guard decided it on a form resolved once
                // more after the decision, so the swapped folder's file was written undecided.
                try (java.io.OutputStream o = Files.newOutputStream(out.resolve(relative), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    o.write(WRITTEN.getBytes(StandardCharsets.UTF_8));
                }
                return null;
            case "move-nio":
            case "move-io": {
                // Moves out/d/file into out/ (granted), reads it there, and moves it back.
                Path moved = out.resolve("moved");
                if (kind.equals("move-nio")) {
                    Files.move(out.resolve(relative), moved);
                } else if (!new File(out.resolve(relative).toString()).renameTo(new File(moved.toString()))) {
                    throw new IOException("not renamed");
                }
                String content = Files.readString(moved);
                Files.delete(moved);
                recreate(out);
                return content;
            }
            case "copy-nio": {
                // Copies out/d/file to out/copied (granted), reads the copy.
                Path copied = out.resolve("copied");
                Files.copy(out.resolve(relative), copied, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return Files.readString(copied);
            }
            case "chmod-nio":
                Files.setPosixFilePermissions(out.resolve(relative),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                return null;
            case "chmod-io":
                if (!new File(out.resolve(relative).toString()).setExecutable(true, false)) {
                    throw new IOException("not changed");
                }
                return null;
            case "writable-io":
                if (!new File(out.resolve(relative).toString()).setWritable(true, false)) {
                    throw new IOException("not changed");
                }
                return null;
            case "times-io":
                if (!new File(out.resolve(relative).toString()).setLastModified(1_000_000L)) {
                    throw new IOException("not changed");
                }
                return null;
            case "setattr-nio":
                Files.setAttribute(out.resolve(relative), "unix:mode", 0777);
                return null;
            case "times-nio":
                Files.setLastModifiedTime(out.resolve(relative), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
                return null;
            case "view-nio":
                Files.getFileAttributeView(out.resolve(relative), java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(java.nio.file.attribute.FileTime.fromMillis(1_000_000L), null, null);
                return null;
            case "leaf-times-nio":
                Files.setLastModifiedTime(out.resolve(relative), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
                return null;
            case "leaf-times-io":
                if (!new File(out.resolve(relative).toString()).setLastModified(1_000_000L)) {
                    throw new IOException("not changed");
                }
                return null;
            case "leaf-chmod-nio":
                Files.setPosixFilePermissions(out.resolve(relative),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                return null;
            case "leaf-setattr-nio":
                Files.setAttribute(out.resolve(relative), "posix:permissions",
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                return null;
            case "leaf-view-nio":
                Files.getFileAttributeView(out.resolve(relative), java.nio.file.attribute.PosixFileAttributeView.class)
                        .setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                return null;
            case "leaf-executable-io":
                return changed(new File(out.resolve(relative).toString()).setExecutable(true, false));
            case "leaf-writable-io":
                return changed(new File(out.resolve(relative).toString()).setWritable(true, false));
            case "leaf-readable-io":
                return changed(new File(out.resolve(relative).toString()).setReadable(false, false));
            case "leaf-readonly-io":
                return changed(new File(out.resolve(relative).toString()).setReadOnly());
            case "leaf-times-sds":
                sds.getFileAttributeView(relative, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(java.nio.file.attribute.FileTime.fromMillis(1_000_000L), null, null);
                return null;
            case "chmod-sds":
                sds.getFileAttributeView(relative, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                return null;
            case "times-sds":
                sds.getFileAttributeView(relative, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(java.nio.file.attribute.FileTime.fromMillis(1_000_000L), null, null);
                return null;
            case "createnew-io":
                // A new name each time, never removed: whichever folder it lands in keeps it, for the test to see.
                if (!new File(out.resolve("d").resolve("new-" + COUNTER.incrementAndGet()).toString()).createNewFile()) {
                    throw new IOException("exists");
                }
                return null;
            case "mkdir-io":
                if (!new File(out.resolve("d").resolve("dir-" + COUNTER.incrementAndGet()).toString()).mkdir()) {
                    throw new IOException("not made");
                }
                return null;
            case "temp-io":
                File.createTempFile("tmp", ".io", new File(out.resolve("d").toString()));
                return null;
            case "temp-nio":
                Files.createTempFile(out.resolve("d"), "tmp", ".nio");
                return null;
            case "tempdir-nio":
                Files.createTempDirectory(out.resolve("d"), "tmpdir");
                return null;
            case "symlink-nio":
                Files.createSymbolicLink(out.resolve("d").resolve("sl-" + COUNTER.incrementAndGet()), Path.of("file"));
                return null;
            case "link-nio": {
                // A hard link of out/d/file made in out/ (granted), read there, and removed.
                Path linked = out.resolve("linked");
                Files.createLink(linked, out.resolve(relative));
                try {
                    return Files.readString(linked);
                } finally {
                    Files.delete(linked);
                }
            }
            case "move-sds": {
                // Moves d/file to moved-sds through the stream, reads it there, and puts a harmless file back.
                Path moved = out.resolve("moved-sds");
                sds.move(relative, sds, Path.of("moved-sds"));
                String content = Files.readString(moved);
                Files.delete(moved);
                recreate(out);
                return content;
            }
            case "mkdir-nio":
                Files.createDirectory(out.resolve("d").resolve("made"));
                Files.delete(out.resolve("d").resolve("made"));
                return null;
            case "list-io": {
                // java.io listed the name again after the check: a swapped folder's names were returned.
                String[] names = new File(out.resolve("d").toString()).list();
                if (names == null) {
                    throw new IOException("not listed");
                }
                return listed(java.util.Arrays.asList(names));
            }
            case "list-nio": {
                try (java.util.stream.Stream<Path> entries = Files.list(out.resolve("d"))) {
                    return listed(entries.map(p -> p.getFileName().toString()).toList());
                }
            }
            case "connect-unix": {
                // The socket path was decided as a name and connected by the name again: a swapped folder led
                // to the outside socket. The test's servers record which socket a connection reached.
                try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                        java.net.StandardProtocolFamily.UNIX)) {
                    channel.connect(java.net.UnixDomainSocketAddress.of(out.resolve("d").resolve("s.sock")));
                }
                return HARMLESS;
            }
            case "bind-unix": {
                // A Unix domain socket bind to a new name in d: decided on the name and bound by the name again,
                // a swapped folder made the socket file appear in the outside folder (the test looks there).
                // What the application sees stays its own name: the server's local address, and every 10th
                // attempt an accepted channel's too (printed as ADDRESS when it is anything else).
                Path socket = out.resolve("d").resolve("b" + COUNTER.incrementAndGet() + ".sock");
                java.net.UnixDomainSocketAddress asked = java.net.UnixDomainSocketAddress.of(socket);
                try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                        java.net.StandardProtocolFamily.UNIX)) {
                    server.bind(asked);
                    if (!asked.equals(server.getLocalAddress())) {
                        System.out.println("ADDRESS bound " + server.getLocalAddress() + " for " + asked);
                    }
                    // Every 10th: with about one bind in ten allowed and the folder swapped half of the time, every
                    // 50th left the test's "accepted channels were looked at" to chance (accepted=0 once on JDK 25).
                    if (COUNTER.get() % 10 == 0) {
                        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(asked);
                             java.nio.channels.SocketChannel accepted = server.accept()) {
                            if (!asked.equals(accepted.getLocalAddress())) {
                                System.out.println("ADDRESS accepted " + accepted.getLocalAddress() + " for " + asked);
                            }
                            ACCEPTED.incrementAndGet();
                        } catch (IOException | SecurityException swapped) {
                            // d was swapped before the connect: the connect's own pin refused or missed it
                        }
                    }
                }
                return HARMLESS;
            }
            case "read-sds":
                try (SeekableByteChannel channel = sds.newByteChannel(relative, Set.of(StandardOpenOption.READ))) {
                    ByteBuffer buffer = ByteBuffer.allocate(256);
                    channel.read(buffer);
                    buffer.flip();
                    return StandardCharsets.UTF_8.decode(buffer).toString();
                }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** A java.io change's answer: null when it was made, an IOException (counted as missing) when not. */
    private static String changed(boolean made) throws IOException {
        if (!made) {
            throw new IOException("not changed");
        }
        return null;
    }

    /** A listing of {@code out/d}: {@link #HARMLESS} when it names only {@code file}, else the names. */
    private static String listed(java.util.List<String> names) {
        return names.equals(java.util.List.of("file")) ? HARMLESS : String.join(",", names);
    }

    /** Puts the harmless file back wherever {@code out/d} is the folder now (a write the guard pins). */
    private static void recreate(Path out) {
        for (String name : new String[] {"d", "tmp"}) {
            Path folder = out.resolve(name);
            if (Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.writeString(folder.resolve("file"), HARMLESS);
                } catch (IOException | SecurityException e) {
                    // the folder moved again; the next attempt may find the file missing
                }
            }
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
    /**
     * The leaf itself: {@code d/file} swapped with the planted link {@code d/lnk} (to the outside file) by four
     * allowed renames in {@code d}: file -> kept, lnk -> file (the link is in place), file -> lnk, kept -> file.
     */
    private static void swapLeaf(Path d, AtomicBoolean stop, AtomicLong swaps) {
        Path file = d.resolve("file");
        Path kept = d.resolve("kept");
        Path lnk = d.resolve("lnk");
        while (!stop.get()) {
            try {
                Files.move(file, kept);
                Files.move(lnk, file);
                Thread.onSpinWait();
                Files.move(file, lnk);
                Files.move(kept, file);
                swaps.incrementAndGet();
            } catch (IOException | SecurityException e) {
                System.out.println("SWAPPER " + e);
                return;
            }
        }
    }

    private static void restore(Path out) throws IOException {
        Path d = out.resolve("d");
        if (Files.exists(d.resolve("kept"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(d.resolve("file"))) {
                Files.move(d.resolve("file"), d.resolve("lnk"));
            }
            Files.move(d.resolve("kept"), d.resolve("file"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isSymbolicLink(d)) {
            Files.move(d, out.resolve("alt"));
        }
        if (Files.exists(out.resolve("tmp"))) {
            Files.move(out.resolve("tmp"), d);
        }
    }
}
