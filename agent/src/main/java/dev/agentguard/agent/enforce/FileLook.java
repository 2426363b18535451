package dev.agentguard.agent.enforce;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;

/**
 * The guard's own look at the object a metadata query names, made exactly as the JDK method would make it, so
 * that its result can be the query's answer ({@code Guard.fileLook}): the kernel is asked once, and what the
 * application learns is about the very object that was decided, not about whatever the path names a moment
 * later.
 *
 * <p>Why it is the same look: a NIO query reads the attributes of the caller's own {@code Path} through its
 * provider's {@code readAttributes}, the call the JDK method makes (the guard's hooks let the guard's own calls
 * through); {@code exists}' {@code access(F_OK)} and a {@code stat} that succeeds agree on existence. A
 * {@code java.io.File} path is encoded by NIO with the same {@code sun.jnu.encoding} java.io uses; where the two
 * could differ there is no look (null) and the JDK method runs after the usual check: a string NIO rejects
 * (unmappable characters, which java.io would replace with {@code ?}; a NUL, for which java.io answers without
 * a system call), and the empty path (java.io asks the kernel for {@code ""} on JDK 17 and for the working
 * directory on JDK 25).
 */
final class FileLook {
    private static final LinkOption[] FOLLOW = new LinkOption[0];
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /**
     * The default file system's path class: the hooked provider methods accept only it (any other {@code Path}
     * makes them throw), so the guard looks only through it, never through another provider or an
     * application's own {@code Path} implementation.
     */
    private static final Class<?> DEFAULT_PATH = Path.of("/").getClass();

    /** What {@link #attributes} answers when the look found nothing there ({@code ENOENT}). */
    static final Object MISSING = new Object();
    private static final MethodHandle IF_EXISTS = ifExists();

    private FileLook() {}

    /**
     * The attributes of {@code file} (a {@link Path}, or a {@code java.io.File}'s path string) as {@code type}
     * ({@link BasicFileAttributes} or {@link PosixFileAttributes}; null means basic), following a last link
     * unless {@code noFollow}; {@link #MISSING} when nothing is there; null when there is nothing the guard can
     * look at as the JDK would, or the look failed otherwise (no permission, another type). The caller decides
     * the last two without a look.
     */
    static Object attributes(Object file, Class<?> type, boolean noFollow) {
        return attributes(file, type, noFollow, null);
    }

    /**
     * {@link #attributes(Object, Class, boolean)}; with a {@code holder}, the look is made into that holder's own
     * attributes ({@link dev.agentguard.bootstrap.ObjectId#lookHere}) and a {@code java.io.File}'s path text is
     * converted through it ({@code ObjectId.pathOf}): nothing is allocated, and what it answers is filled again by
     * the holder's next look. Only for an answer read at once, never handed out, and never asked for its
     * {@code fileKey()}.
     */
    static Object attributes(Object file, Class<?> type, boolean noFollow, dev.agentguard.bootstrap.ObjectId holder) {
        Class<? extends BasicFileAttributes> kind;
        if (type == null || type == BasicFileAttributes.class) {
            kind = BasicFileAttributes.class;
        } else if (type == PosixFileAttributes.class) {
            kind = PosixFileAttributes.class;
        } else {
            return null;
        }
        Path path;
        if (file instanceof Path) {
            if (file.getClass() != DEFAULT_PATH) {
                return null;
            }
            path = (Path) file;
        } else if (file instanceof String && !((String) file).isEmpty()) {
            try {
                path = holder != null ? holder.pathOf((String) file) : Path.of((String) file);
            } catch (InvalidPathException e) {
                return null;
            }
        } else {
            return null;
        }
        if (System.getSecurityManager() == null) {
            // The provider's own read, made directly: no provider dispatch, view or NoSuchFileException.
            Object seen = holder != null && kind == BasicFileAttributes.class ? holder.lookHere(path, !noFollow)
                    : dev.agentguard.bootstrap.ObjectId.look(path, !noFollow, kind == BasicFileAttributes.class);
            if (seen == dev.agentguard.bootstrap.ObjectId.NO_ENTRY) {
                return MISSING;
            }
            if (seen != dev.agentguard.bootstrap.ObjectId.CANNOT_LOOK) {
                return seen;
            }
        }
        try {
            if (type == null && !noFollow && IF_EXISTS != null) {
                // The attributes are not handed out (a yes/no or a size answer): JDK 20+ reports a missing file
                // by null here, without building an exception.
                Object attributes = IF_EXISTS.invoke(path.getFileSystem().provider(), path,
                        BasicFileAttributes.class, FOLLOW);
                return attributes == null ? MISSING : attributes;
            }
            return path.getFileSystem().provider().readAttributes(path, kind, noFollow ? NO_FOLLOW : FOLLOW);
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        } catch (Throwable e) {
            throw new IllegalStateException("the guard's look failed", e); // the bridge denies on it
        }
    }

    /** JDK 20+'s {@code FileSystemProvider.readAttributesIfExists}, or null on JDK 17 (it is not there). */
    private static MethodHandle ifExists() {
        try {
            return MethodHandles.publicLookup().findVirtual(FileSystemProvider.class, "readAttributesIfExists",
                    MethodType.methodType(BasicFileAttributes.class, Path.class, Class.class, LinkOption[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
