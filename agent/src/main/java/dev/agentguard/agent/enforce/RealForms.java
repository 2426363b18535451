package dev.agentguard.agent.enforce;

import dev.agentguard.policy.file.PathForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real form of a path that is read, without resolving it again when the file it reaches is one the
 * guard resolved before and that has not changed: one {@code stat} instead of {@code realpath(3)}, which
 * makes one {@code readlink} per path component (4 to 8 system calls for a typical path).
 *
 * <p>The {@code stat} follows links exactly as the open that follows will, and names the file it reaches by
 * its file key (device and inode). A remembered real form is used only for that same file with the same
 * modification time and size; anything else is resolved as before. So a link swapped in for a granted file,
 * or a changed file, is resolved again, and the decision is made on what the path reaches now. What a
 * remembered real form can miss is that an unchanged file was moved (its content is then what was granted
 * before); the guard's own moves, renames, deletes and links forget everything ({@link #forget}).
 *
 * <p>A real form is remembered only when a no-follow {@code stat} of it finds the same file, unchanged:
 * then it is that file's location. Only reads use this: a write is always resolved in full. Bounded: when
 * {@link #MAX_FILES} files are remembered, all are forgotten.
 */
final class RealForms {
    static final int MAX_FILES = 4096;

    private final String workdir;
    private final ConcurrentHashMap<Object, Known> byFileKey = new ConcurrentHashMap<>();
    /**
     * The same for entries looked at without following a last link ({@code NOFOLLOW_LINKS} queries): their
     * real form is the parent's real form plus the entry's own name, so a link is named as itself, never as
     * what it points to. Kept apart so that neither form is ever taken for the other.
     */
    private final ConcurrentHashMap<Object, Known> byLinkKey = new ConcurrentHashMap<>();

    RealForms(String workdir) {
        this.workdir = workdir;
    }

    /** The real form of {@code path} for a read: as {@link PathForms#realForm}, remembered per unchanged file. */
    String forRead(String path) {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(Path.of(PathForms.absolute(path, workdir)), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            String real = forMissing(path, false);
            return real != null ? real : PathForms.realForm(path, workdir);
        } catch (IOException | InvalidPathException | SecurityException | UnsupportedOperationException e) {
            return PathForms.realForm(path, workdir); // not examinable: resolved as always
        }
        Object key = now.fileKey();
        if (key == null) {
            return PathForms.realForm(path, workdir);
        }
        Known known = byFileKey.get(key);
        if (known != null && known.unchanged(now)) {
            return known.real;
        }
        String real = PathForms.realForm(path, workdir);
        remember(byFileKey, key, now, real);
        return real;
    }

    /**
     * The real form of the object that {@code seen} describes: the attributes just read through {@code path}
     * (following a last link unless {@code noFollow}). Remembered per file key as {@link #forRead} remembers it,
     * and used only while that object is unchanged. Else {@code path} is resolved ({@link PathForms#realForm},
     * or {@link PathForms#realFormNoFollow}), and the answer is that real form only when a no-follow look at it
     * finds the very object {@code seen}, unchanged (then it is also remembered). Null when it does not: the
     * path was changed between the two looks, or its text names another object than its bytes do; the object
     * cannot be named, and the caller decides on the path as before.
     */
    String forObject(String path, BasicFileAttributes seen, boolean noFollow) {
        Object key = seen.fileKey();
        if (key == null) {
            return null;
        }
        ConcurrentHashMap<Object, Known> byKey = noFollow ? byLinkKey : byFileKey;
        Known known = byKey.get(key);
        if (known != null && known.unchanged(seen)) {
            return known.real;
        }
        String real = noFollow ? PathForms.realFormNoFollow(path, workdir) : PathForms.realForm(path, workdir);
        return remember(byKey, key, seen, real) ? real : null;
    }

    /**
     * The real form of a path whose last component does not exist, without walking the path component by
     * component: its folder's real form (remembered per file key, as {@link #forObject}) plus the last name,
     * which is what {@link PathForms#realForm} gives for a missing last component. A {@code stat} of the folder
     * and, unless {@code anyName}, a no-follow {@code stat} of the path that must find nothing (a dangling link
     * there is followed by {@code realForm} to its target text, so it is left to it); whatever the depth. Null
     * when this does not apply (no folder there, a last component of {@code .} or {@code ..}, a trailing slash).
     * {@code anyName}: the caller's answer is "missing" whatever the last name is (a query whose followed look
     * found nothing), so a dangling link there is decided as the name it is.
     */
    String forMissing(String path, boolean anyName) {
        String absolute = PathForms.absolute(path, workdir);
        int slash = absolute.lastIndexOf('/');
        String leaf = absolute.substring(slash + 1);
        if (slash <= 0 || leaf.isEmpty() || leaf.equals(".") || leaf.equals("..")) {
            return null;
        }
        String parent = absolute.substring(0, slash);
        try {
            BasicFileAttributes folder = Files.readAttributes(Path.of(parent), BasicFileAttributes.class);
            if (!folder.isDirectory()) {
                return null;
            }
            String parentReal = forObject(parent, folder, false);
            if (parentReal == null) {
                return null;
            }
            if (!anyName) {
                try {
                    Files.readAttributes(Path.of(absolute), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return null; // something is there after all (a dangling link, or it was just made)
                } catch (NoSuchFileException missing) {
                    // nothing there: the name is appended to its folder's real form
                }
            }
            return parentReal.equals("/") ? "/" + leaf : parentReal + "/" + leaf;
        } catch (IOException | InvalidPathException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Forgets every remembered file: the guard let the application move, rename, delete or link one. */
    void forget() {
        if (!byFileKey.isEmpty()) {
            byFileKey.clear();
        }
        if (!byLinkKey.isEmpty()) {
            byLinkKey.clear();
        }
    }

    /** Remembers {@code real} for {@code key} when a no-follow look at it finds that object unchanged; says whether. */
    private static boolean remember(ConcurrentHashMap<Object, Known> byKey, Object key, BasicFileAttributes seen,
            String real) {
        BasicFileAttributes atReal;
        try {
            atReal = Files.readAttributes(Path.of(real), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | InvalidPathException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
        Known known = new Known(seen, real);
        if (!key.equals(atReal.fileKey()) || !known.unchanged(atReal)) {
            return false; // the file changed or moved between the two looks: nothing to remember
        }
        if (byKey.size() >= MAX_FILES) {
            byKey.clear();
        }
        byKey.put(key, known);
        return true;
    }

    int size() {
        return byFileKey.size();
    }

    /** A file as it was when its real form was found. */
    private static final class Known {
        final long modifiedNanos;
        /** Birth time where the JDK reads it (statx, JDK 25): a reused inode number is then another file. */
        final long createdNanos;
        final long size;
        final boolean directory;
        final String real;

        Known(BasicFileAttributes attributes, String real) {
            this.modifiedNanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            this.createdNanos = attributes.creationTime().to(TimeUnit.NANOSECONDS);
            this.size = attributes.size();
            this.directory = attributes.isDirectory();
            this.real = real;
        }

        boolean unchanged(BasicFileAttributes now) {
            return now.lastModifiedTime().to(TimeUnit.NANOSECONDS) == modifiedNanos && now.size() == size
                    && now.creationTime().to(TimeUnit.NANOSECONDS) == createdNanos
                    && now.isDirectory() == directory;
        }
    }
}
