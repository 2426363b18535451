package dev.agentguard.bootstrap;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * What a NIO open ({@code newByteChannel}, {@code newFileChannel}, {@code newAsynchronousFileChannel}) will
 * do with its {@code Set<OpenOption>}. On the bootstrap class path because the advice inlined into the
 * provider calls it.
 *
 * <p>The set comes from the application and may be its own class. The advice therefore checks and then
 * hands the JDK an immutable copy ({@link #snapshot}): a set that answers one way to the guard and another
 * way to the JDK would otherwise turn a checked read into an unchecked write.
 */
public final class OpenOptions {
    private OpenOptions() {}

    /** An immutable copy; null (or a null element) throws NullPointerException, as the JDK would. */
    public static Set<OpenOption> snapshot(Set<? extends OpenOption> options) {
        // An empty set (Files.readAllBytes, newInputStream, newByteChannel without options) becomes the JDK's own
        // empty set: Set.copyOf would make an array only to find it empty. Whatever the caller's set answers later,
        // the JDK gets this one.
        return options.isEmpty() ? Set.of() : Set.copyOf(options);
    }

    /**
     * {@code options} with {@code NOFOLLOW_LINKS} added, for a write pinned to its decided folder: the leaf
     * was resolved when decided, so a link at the leaf now was swapped in since, and must not be followed.
     */
    public static Set<OpenOption> noFollowing(Set<? extends OpenOption> options) {
        if (options.contains(LinkOption.NOFOLLOW_LINKS)) {
            return Set.copyOf(options);
        }
        java.util.HashSet<OpenOption> copy = new java.util.HashSet<>(options);
        copy.add(LinkOption.NOFOLLOW_LINKS);
        return Set.copyOf(copy);
    }

    /** Whether the open may create, change or remove the file: anything but a plain read. */
    public static boolean isWrite(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE)
                || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE)
                || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** With {@code NOFOLLOW_LINKS} the open fails on a link as the last component instead of following it. */
    public static boolean noFollow(Set<? extends OpenOption> options) {
        return options.contains(LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A copy of a {@code LinkOption...} or {@code CopyOption...} argument for the hook to decide on and hand
     * to the JDK in its place: another thread can no longer add or remove {@code NOFOLLOW_LINKS} between the
     * check and the JDK's own read. An empty array (no element to change) and null are returned as they are.
     */
    public static <T> T[] copy(T[] options) {
        return options == null || options.length == 0 ? options : options.clone();
    }

    /**
     * A {@code CopyOption...} argument with {@code NOFOLLOW_LINKS} added, for a copy whose source is pinned
     * where it was decided (its leaf was not a link then). A fresh array: the caller's is not changed.
     */
    public static java.nio.file.CopyOption[] noFollowing(java.nio.file.CopyOption[] options) {
        if (noFollow(options)) {
            return options;
        }
        int length = options == null ? 0 : options.length;
        java.nio.file.CopyOption[] copy = new java.nio.file.CopyOption[length + 1];
        if (length > 0) {
            System.arraycopy(options, 0, copy, 0, length);
        }
        copy[length] = LinkOption.NOFOLLOW_LINKS;
        return copy;
    }

    /** Whether a {@code LinkOption...} or {@code CopyOption...} argument asks not to follow a final link. */
    public static boolean noFollow(Object[] options) {
        if (options != null) {
            for (Object option : options) {
                if (option == LinkOption.NOFOLLOW_LINKS) {
                    return true;
                }
            }
        }
        return false;
    }
}
