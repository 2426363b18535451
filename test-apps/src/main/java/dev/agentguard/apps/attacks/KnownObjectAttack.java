package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Issue 13, remembered objects (docs/design/kernel-objects.md): the guard remembers an allowed read by the object
 * (device, inode, ctime) and the path it was reached through. Each case reads a granted file through a granted
 * link {@code work/lN} (remembered), then makes the object reached through that same link a denied one, and reads
 * through the link again by java.io, NIO and a query ({@code Files.size}): every one must be decided again and
 * denied. The cases, each on its own file:
 *
 * <ul>
 *   <li>{@code rename}: the granted file itself is renamed into the denied folder, the link pointed at it there;</li>
 *   <li>{@code link}: a hard link to it is made in the denied folder, the file removed from the granted one, the
 *       link pointed at the hard link;</li>
 *   <li>{@code chmod}: the file's mode is changed, then its folder renamed into the denied one (a folder's rename
 *       alone leaves the file's ctime: the same bytes as were granted, which the note allows);</li>
 *   <li>{@code reuse}: the file is deleted and a file of a name not granted made at once in the same folder (where the
 *       file system is likeliest to hand out the freed inode number again), the link pointed at it: a reused
 *       inode carries a new ctime.</li>
 * </ul>
 *
 * <p>The test makes the files ({@link #setUp}, outside the guard), and the program waits until their ctimes are
 * settled (the guard remembers only
 * objects whose ctime is more than two seconds old). Prints {@code CASE how read <content>} or
 * {@code CASE how denied}, {@code CASE before <ok|denied>} for the first (granted) reads, and
 * {@code INODE i (dev=..,ino=..)} for the granted file of reuse case {@code i} before its deletion.
 * In {@code work/mix} only {@code f*} is granted to read.
 *
 * <p>Usage: {@code KnownObjectAttack <work dir>}; the test grants reading {@code work/pub/**}, {@code work/mix/f*} and
 * {@code work/l*},
 * writing {@code work/**}; {@code work/den} is not readable.
 */
public final class KnownObjectAttack {
    private static final String[] CASES = {"rename", "link", "chmod"};
    private static final int REUSES = 20;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path den = work.resolve("den");
        Path reuse = work.resolve("mix");
        int n = CASES.length;
        Thread.sleep(3000); // ctimes settle: only then does the guard remember the objects

        // rename: the remembered object itself moves into the denied folder
        Path link = work.resolve("lrename");
        before("rename", link);
        Files.move(work.resolve("pub/rename/f"), den.resolve("renamed"));
        repoint(link);
        after("rename", link);

        // link: a hard link to the remembered object in the denied folder, the granted name removed
        link = work.resolve("llink");
        before("link", link);
        Files.createLink(den.resolve("hard"), work.resolve("pub/link/f"));
        Files.delete(work.resolve("pub/link/f"));
        repoint(link);
        after("link", link);

        // chmod: the object's mode changed, then its folder renamed into the denied one (an ancestor's rename
        // alone leaves the object's ctime: the same bytes as were granted, which the design note allows)
        link = work.resolve("lchmod");
        before("chmod", link);
        Files.setPosixFilePermissions(work.resolve("pub/chmod/f"), PosixFilePermissions.fromString("rw-------"));
        Files.move(work.resolve("pub/chmod"), den.resolve("chmod"));
        repoint(link);
        after("chmod", link);

        // reuse: deleted, and a denied file made at once (the freed inode number is usually handed out again)
        for (int i = 0; i < REUSES; i++) {
            link = work.resolve("lreuse" + i);
            Path granted = reuse.resolve("f" + i);
            before("reuse", link);
            Object inode = Files.readAttributes(link, BasicFileAttributes.class).fileKey();
            Files.delete(granted);
            // In the same folder, where the file system is likeliest to hand out the freed inode again; only the
            // names f* of it are granted to read.
            Path secret = reuse.resolve("s" + i);
            Files.writeString(secret, "denied-reuse-canary");
            System.out.println("INODE " + i + " " + inode); // the test compares it with den/sI's
            repoint(link);
            after("reuse", link);
        }
        System.out.println("DONE " + n);
    }

    /** What the test makes before starting the program: the granted files, their links and the denied folder. */
    public static void setUp(Path work) throws java.io.IOException {
        Files.createDirectories(work.resolve("den"));
        for (String c : CASES) {
            Path folder = Files.createDirectories(work.resolve("pub").resolve(c));
            Files.writeString(folder.resolve("f"), "granted-" + c);
            Files.createSymbolicLink(work.resolve("l" + c), folder.resolve("f"));
        }
        Path den = work.resolve("den");
        Files.createSymbolicLink(work.resolve("xrename"), den.resolve("renamed"));
        Files.createSymbolicLink(work.resolve("xlink"), den.resolve("hard"));
        Files.createSymbolicLink(work.resolve("xchmod"), den.resolve("chmod/f"));
        Path reuse = Files.createDirectories(work.resolve("mix"));
        for (int i = 0; i < REUSES; i++) {
            Files.writeString(reuse.resolve("f" + i), "granted-reuse");
            Files.createSymbolicLink(work.resolve("lreuse" + i), reuse.resolve("f" + i));
            Files.createSymbolicLink(work.resolve("xreuse" + i), reuse.resolve("s" + i));
        }
    }

    private static void before(String c, Path link) throws Exception {
        // Twice: the second read is answered from the guard's memory.
        String first = read(link);
        String second = read(link);
        Files.size(link);
        System.out.println("CASE " + c + " before " + (first.startsWith("granted") && first.equals(second) ? "ok" : "denied"));
    }

    private static String read(Path link) {
        try (InputStream in = new FileInputStream(link.toString())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "denied: " + e;
        }
    }

    private static void after(String c, Path link) {
        try (InputStream in = new FileInputStream(link.toString())) {
            System.out.println("CASE " + c + " io read " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SecurityException e) {
            System.out.println("CASE " + c + " io denied");
        } catch (Exception e) {
            System.out.println("CASE " + c + " io error " + e);
        }
        try {
            System.out.println("CASE " + c + " nio read " + Files.readString(link));
        } catch (SecurityException e) {
            System.out.println("CASE " + c + " nio denied");
        } catch (Exception e) {
            System.out.println("CASE " + c + " nio error " + e);
        }
        try {
            // A denied query answers "absent" (NoSuchFileException) where writing the name is not granted.
            System.out.println("CASE " + c + " size read " + Files.size(link));
        } catch (java.nio.file.NoSuchFileException | SecurityException e) {
            System.out.println("CASE " + c + " size denied");
        } catch (Exception e) {
            System.out.println("CASE " + c + " size error " + e);
        }
    }

    /**
     * Points {@code work/lNAME} at the denied place: the guard lets no link to an unreadable target be made, so the
     * test made {@code work/xNAME} pointing there, and this renames it onto {@code lNAME} (a write of two granted
     * names; a rename never follows a link).
     */
    private static void repoint(Path link) throws Exception {
        Path swap = link.resolveSibling("x" + link.getFileName().toString().substring(1));
        Files.move(swap, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
