package dev.agentguard.bootstrap;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A write open pinned to the folder that was decided (docs/design/kernel-objects.md, "Anchor what the JDK
 * is handed"). The guard opens the real parent folder itself (descriptor D) and the JDK is handed
 * {@code /proc/self/fd/D/leaf}: the kernel resolves the leaf inside that very folder, so a folder renamed
 * or swapped above it no longer changes the target. For java.io, which cannot ask for {@code O_NOFOLLOW},
 * the guard first opens the leaf itself inside D with {@code CREATE}, {@code WRITE} and
 * {@code NOFOLLOW_LINKS} (descriptor C) and hands the JDK {@code /proc/self/fd/C}, which reopens that same
 * file: a link swapped in at the leaf is refused by the kernel, never followed.
 *
 * <p>Errors are reported with the caller's path, never the {@code /proc/self/fd} one: the folder's or the
 * leaf's open failing becomes the exception the JDK would have thrown for the caller's path.
 */
final class AnchoredOpen {
    final int access;
    final String op;
    /** The caller's path, as given. */
    final String given;
    /** The real form decided before. */
    final String decided;
    /** The folder's real path now (where D is) plus the leaf: what the kernel will act on. */
    final String pinned;
    /** What the JDK is handed instead of {@link #given}. */
    String handed;
    /** java.io: the leaf is opened by the guard too ({@link #openLeaf}). */
    final boolean javaIo;
    /** D: an {@code O_PATH} descriptor of the folder (see {@link Descriptors#openPath} for why O_PATH). */
    private int folder;
    /**
     * C: an {@code O_PATH}, no-follow descriptor of the leaf, for java.io ({@link #openLeaf}); or L, the object a
     * mode change acts on ({@link #followLeaf}); -1 until then.
     */
    private int leaf = -1;

    private AnchoredOpen(int access, String op, String given, String decided, String pinned, String handed,
                         boolean javaIo, int folder) {
        this.access = access;
        this.op = op;
        this.given = given;
        this.decided = decided;
        this.pinned = pinned;
        this.handed = handed;
        this.javaIo = javaIo;
        this.folder = folder;
    }

    /**
     * Pins {@code decided} (a real form): opens its parent folder, D. Returns null when there is no folder to
     * pin ({@code /} itself). Throws the IOException the JDK would throw for {@code given} (a
     * {@link FileNotFoundException} for java.io, {@code javaIo}) when the folder cannot be opened. The caller
     * decides on {@link #pinned} before anything is created: then {@link #openLeaf} for java.io.
     */
    static AnchoredOpen pin(int access, String op, String given, String decided, boolean javaIo)
            throws IOException {
        int slash = decided.lastIndexOf('/');
        if (slash < 0 || slash == decided.length() - 1) {
            return null;
        }
        String name = decided.substring(slash + 1);
        int folder = -1;
        try {
            folder = Descriptors.openPath(Path.of(slash == 0 ? "/" : decided.substring(0, slash)), false);
            int d = folder;
            // Where D is, " (deleted)" included: a folder may be named so, and the leaf is then decided by its
            // real name; in a removed folder (shown with that suffix) the kernel creates and finds nothing.
            String where = Descriptors.where(d);
            String pinned = where.equals("/") ? "/" + name : where + "/" + name;
            return new AnchoredOpen(access, op, given, decided, pinned, Descriptors.anchored(d, name), javaIo,
                    folder);
        } catch (IOException | RuntimeException | Error e) {
            Descriptors.closeNumber(folder);
            if (e instanceof IOException) {
                throw failed(given, (IOException) e, javaIo);
            }
            throw e;
        }
    }

    /** Whether the path's last name is {@code .} or {@code ..}: nothing to pin (the kernel refuses the act). */
    static boolean endsInDots(String path) {
        return path.equals(".") || path.equals("..") || path.endsWith("/.") || path.endsWith("/..");
    }

    /**
     * For java.io, after {@link #pinned} was decided: names the leaf inside D with {@code O_PATH} and
     * {@code O_NOFOLLOW} (C), and from now on the JDK is handed {@code /proc/self/fd/C}, which the kernel
     * reopens with java.io's own flags; a link at the leaf is named itself, and that reopen refuses it
     * ({@code ELOOP}). A missing leaf is made first, inside D, with {@code CREATE_NEW}, {@code WRITE} and
     * {@code NOFOLLOW_LINKS} (the JDK's default mode, as java.io's own: 0666 less the umask), and closed: a file
     * made just now holds no lock of the application's. An existing file is never opened by the guard for
     * writing, since closing that descriptor would release the application's POSIX locks on it. Closes
     * everything and throws as java.io would when this fails.
     */
    void openLeaf() throws IOException {
        try {
            Path leafPath = Path.of(handed);
            int c;
            try {
                c = Descriptors.openPath(leafPath, true);
            } catch (NoSuchFileException missing) {
                try {
                    FileChannel.open(leafPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS).close();
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // Another thread made it between the two calls: name what is there now.
                }
                c = Descriptors.openPath(leafPath, true);
            }
            leaf = c;
            handed = Descriptors.anchored(c, null);
        } catch (IOException | RuntimeException | Error e) {
            close();
            if (e instanceof IOException) {
                throw failed(given, (IOException) e, true);
            }
            throw e;
        }
    }

    /**
     * For a mode change that follows the last link ({@code chmod} has no way not to, and the caller asked it to),
     * after {@link #pinned} was decided: names the object the leaf inside D leads to now with an {@code O_PATH}
     * descriptor L, following links as {@code chmod} does, and from now on the JDK is handed
     * {@code /proc/self/fd/L}. {@code chmod} of that magic link acts on the object L holds, whatever is renamed
     * onto the leaf's name afterwards. Returns where L is ({@code readlink /proc/self/fd/L}), for the caller to
     * decide on when it differs from the decided form: a link swapped in since the decision led elsewhere.
     * Throws the JDK's exception for the caller's path when nothing can be named there (a missing leaf).
     */
    String followLeaf() throws IOException {
        int l;
        try {
            l = Descriptors.openPath(Path.of(handed), false);
        } catch (IOException e) {
            throw forCaller(e, given);
        }
        leaf = l;
        handed = Descriptors.anchored(l, null);
        return Descriptors.where(l);
    }

    private static IOException failed(String given, IOException e, boolean javaIo) {
        return javaIo ? notFound(given, e) : forCaller(e, given);
    }

    /** Closes D and C: once the JDK's open returned or threw. */
    void close() {
        // Each number is closed once: closed twice, it could be another open's by then.
        Descriptors.closeNumber(leaf);
        leaf = -1;
        Descriptors.closeNumber(folder);
        folder = -1;
    }

    /** The JDK's error for the handed path, told for the caller's path. */
    Throwable forCaller(Throwable thrown) {
        if (thrown instanceof FileNotFoundException) {
            String message = thrown.getMessage();
            if (message != null && message.startsWith(handed)) {
                FileNotFoundException e = new FileNotFoundException(given + message.substring(handed.length()));
                e.setStackTrace(thrown.getStackTrace());
                return e;
            }
            return thrown;
        }
        if (thrown instanceof FileSystemException && handed.equals(((FileSystemException) thrown).getFile())) {
            return forCaller((FileSystemException) thrown, given);
        }
        return thrown;
    }

    /**
     * The JDK's error for a two-path act (a move) on the handed paths, told for the caller's: {@code source}
     * and {@code target} are the pins (either may be null, not pinned).
     */
    static Throwable forCaller(AnchoredOpen source, AnchoredOpen target, Throwable thrown) {
        if (!(thrown instanceof FileSystemException)) {
            return thrown;
        }
        FileSystemException f = (FileSystemException) thrown;
        String file = callers(f.getFile(), source, target);
        String other = callers(f.getOtherFile(), source, target);
        if (java.util.Objects.equals(file, f.getFile()) && java.util.Objects.equals(other, f.getOtherFile())) {
            return thrown;
        }
        IOException renamed;
        Class<?> type = f.getClass();
        if (type == NoSuchFileException.class) {
            renamed = new NoSuchFileException(file, other, f.getReason());
        } else if (type == AccessDeniedException.class) {
            renamed = new AccessDeniedException(file, other, f.getReason());
        } else if (type == FileAlreadyExistsException.class) {
            renamed = new FileAlreadyExistsException(file, other, f.getReason());
        } else if (type == java.nio.file.DirectoryNotEmptyException.class) {
            renamed = new java.nio.file.DirectoryNotEmptyException(file);
        } else if (type == java.nio.file.AtomicMoveNotSupportedException.class) {
            renamed = new java.nio.file.AtomicMoveNotSupportedException(file, other, f.getReason());
        } else if (type == NotDirectoryException.class) {
            renamed = new NotDirectoryException(file);
        } else {
            renamed = new FileSystemException(file, other, f.getReason());
        }
        renamed.setStackTrace(f.getStackTrace());
        return renamed;
    }

    /** {@code path} as the caller gave it when it is one of the handed paths. */
    private static String callers(String path, AnchoredOpen source, AnchoredOpen target) {
        if (path != null && source != null && path.equals(source.handed)) {
            return source.given;
        }
        if (path != null && target != null && path.equals(target.handed)) {
            return target.given;
        }
        return path;
    }

    /** java.io's way of telling an open failed: "NAME (reason)". */
    private static FileNotFoundException notFound(String given, IOException e) {
        return new FileNotFoundException(given + " (" + reason(e) + ")");
    }

    /** The kernel's reason as java.io words it ({@code strerror}), for an NIO exception of the same error. */
    static String reason(IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "Permission denied";
        } else if (e instanceof NotDirectoryException) {
            reason = "Not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "File exists";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
            int or = reason.indexOf(" or unable to access attributes of symbolic link");
            if (or > 0) {
                reason = reason.substring(0, or);
            }
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return reason;
    }

    /** The same kind of file system exception, naming the caller's path; other exceptions as they are. */
    static IOException forCaller(IOException e, String given) {
        if (!(e instanceof FileSystemException)) {
            return e;
        }
        FileSystemException f = (FileSystemException) e;
        String other = f.getOtherFile();
        String reason = f.getReason();
        IOException renamed;
        Class<?> type = e.getClass();
        if (type == NoSuchFileException.class) {
            renamed = new NoSuchFileException(given, other, reason);
        } else if (type == AccessDeniedException.class) {
            renamed = new AccessDeniedException(given, other, reason);
        } else if (type == FileAlreadyExistsException.class) {
            renamed = new FileAlreadyExistsException(given, other, reason);
        } else if (type == NotDirectoryException.class) {
            renamed = new NotDirectoryException(given);
        } else if (type == java.nio.file.DirectoryNotEmptyException.class) {
            renamed = new java.nio.file.DirectoryNotEmptyException(given);
        } else if (type == FileSystemLoopException.class) {
            renamed = new FileSystemLoopException(given);
        } else if (type == FileSystemException.class) {
            renamed = new FileSystemException(given, other, reason);
        } else {
            return e;
        }
        renamed.setStackTrace(e.getStackTrace());
        return renamed;
    }
}
