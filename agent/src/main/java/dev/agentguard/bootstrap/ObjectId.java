package dev.agentguard.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The identity of a file system object as the kernel reports it: device, inode and the inode's change time
 * (ctime, seconds and nanoseconds), read from a {@code fstat} of a descriptor or from attributes the JDK read.
 * The guard remembers decisions by it (docs/design/kernel-objects.md, "Remembered objects"): the same device
 * and inode with the same ctime is the same object, unchanged, since every rename, link, unlink, mode change
 * and write of an inode sets its ctime, and the application cannot set a ctime back.
 *
 * <p>One holder per thread, reused: reading an identity allocates nothing. The JDK's
 * {@code sun.nio.fs.UnixFileAttributes} is filled by {@code UnixNativeDispatcher.fstat} and its private fields
 * read through handles; {@code sun.nio.fs} is opened to this module at start ({@code DescriptorAccess}), the
 * same opening {@link Descriptors#openPath} relies on. Any failure leaves {@link #valid} false and the caller
 * makes the full decision.
 */
public final class ObjectId {
    /** Device, inode, ctime (s, ns), file type and mode bits, link count: what the last read found. */
    public long device;
    public long inode;
    public long changedSeconds;
    public long changedNanos;
    public int mode;
    public int links;
    /** Whether the fields above describe an object (the last read succeeded). */
    public boolean valid;
    /**
     * After {@link #ofFolder}: the kernel's error number when the {@code stat} failed ({@code ENOENT} is 2), 0
     * when it succeeded, -1 when the failure had no number (not a path of the default file system, an
     * unexpected JDK).
     */
    public int errno;

    /**
     * Set when the JDK's accessors cannot be resolved (an unexpected JDK): every read then answers false at once,
     * instead of failing the class's initialization again on every check.
     */
    private static volatile boolean unavailable;

    /** This thread's {@code UnixFileAttributes}, filled again by every {@code fstat} and {@code stat}. */
    private Object attributes;
    /**
     * The folder {@link #ofFolder} read last, as text and as the {@code Path} handed to {@code stat}: a query
     * repeated in the same folder makes neither again (no allocation).
     */
    private String folderText;
    private Object folderPath;
    /**
     * This thread's attributes for {@link #lookHere}, apart from {@link #attributes}, and the JDK's basic wrapper of
     * them, made once: a look whose answer is read at once reads the kernel's answer into these, allocating
     * nothing. Never handed to the application.
     */
    private Object lookAttributes;
    private Object lookBasic;
    /** The text {@link #pathOf} converted last, and its {@code Path}: a repeated java.io query allocates no path. */
    private String lookText;
    private Object lookPath;

    /** A holder of the caller's own: the guard keeps its holders where only its checks reach them. */
    public ObjectId() {}

    /** The JDK's accessors, resolved on first use (after {@code sun.nio.fs} is opened to this module). */
    private static final class Handles {
        static final Class<?> ATTRIBUTES;
        static final MethodHandle NEW;
        static final MethodHandle FSTAT;
        static final MethodHandle UNWRAP;
        static final Class<?> WRAPPER;
        static final MethodHandle DEV;
        static final MethodHandle INO;
        static final MethodHandle CTIME;
        static final MethodHandle CTIME_NS;
        static final MethodHandle MODE;
        static final MethodHandle NLINK;
        /** {@code UnixNativeDispatcher.stat(UnixPath, UnixFileAttributes)}: throws a {@code UnixException}. */
        static final MethodHandle STAT;
        /** {@code lstat} likewise. */
        static final MethodHandle LSTAT;
        /**
         * JDK 21+'s {@code UnixNativeDispatcher.stat2(UnixPath, UnixFileAttributes)}: the error number, 0 for
         * success, with no exception; null on JDK 17 (there a failed {@code stat} throws).
         */
        static final MethodHandle STAT_ERRNO;
        static final Class<?> UNIX_EXCEPTION;
        static final MethodHandle ERRNO;
        static final Class<?> UNIX_PATH;
        /** {@code UnixFileAttributes.get(UnixPath, boolean follow)}: a new object, filled; throws a {@code UnixException}. */
        static final MethodHandle GET;
        /** JDK 21+'s {@code UnixFileAttributes.getIfExists(UnixPath)}: null for {@code ENOENT}; null on JDK 17. */
        static final MethodHandle GET_IF_EXISTS;
        /** {@code UnixFileAttributes.asBasicFileAttributes()}: the wrapper the provider hands out for basic attributes. */
        static final MethodHandle AS_BASIC;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                ATTRIBUTES = Class.forName("sun.nio.fs.UnixFileAttributes");
                Constructor<?> make = ATTRIBUTES.getDeclaredConstructor();
                make.setAccessible(true);
                NEW = lookup.unreflectConstructor(make).asType(MethodType.methodType(Object.class));
                Method fstat = Class.forName("sun.nio.fs.UnixNativeDispatcher")
                        .getDeclaredMethod("fstat", int.class, ATTRIBUTES);
                fstat.setAccessible(true);
                FSTAT = lookup.unreflect(fstat).asType(MethodType.methodType(void.class, int.class, Object.class));
                // Files.readAttributes(p, BasicFileAttributes.class) hands out this wrapper on JDK 17 and 25; its
                // field "attrs" holds the attributes on both (JDK 17 also has an unwrap(), JDK 25 does not).
                WRAPPER = Class.forName("sun.nio.fs.UnixFileAttributes$UnixAsBasicFileAttributes");
                Field wrapped = WRAPPER.getDeclaredField("attrs");
                wrapped.setAccessible(true);
                UNWRAP = lookup.unreflectGetter(wrapped).asType(MethodType.methodType(Object.class, Object.class));
                DEV = field(lookup, "st_dev", long.class);
                INO = field(lookup, "st_ino", long.class);
                CTIME = field(lookup, "st_ctime_sec", long.class);
                CTIME_NS = field(lookup, "st_ctime_nsec", long.class);
                MODE = field(lookup, "st_mode", int.class);
                NLINK = field(lookup, "st_nlink", int.class);
                Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                UNIX_PATH = Class.forName("sun.nio.fs.UnixPath");
                STAT = pathStat(lookup, dispatcher, "stat", void.class);
                LSTAT = pathStat(lookup, dispatcher, "lstat", void.class);
                STAT_ERRNO = statErrno(lookup, dispatcher);
                UNIX_EXCEPTION = Class.forName("sun.nio.fs.UnixException");
                Method errno = UNIX_EXCEPTION.getDeclaredMethod("errno");
                errno.setAccessible(true);
                ERRNO = lookup.unreflect(errno).asType(MethodType.methodType(int.class, Throwable.class));
                Method get = ATTRIBUTES.getDeclaredMethod("get", UNIX_PATH, boolean.class);
                get.setAccessible(true);
                GET = lookup.unreflect(get).asType(MethodType.methodType(Object.class, Object.class, boolean.class));
                GET_IF_EXISTS = getIfExists(lookup);
                Method asBasic = ATTRIBUTES.getDeclaredMethod("asBasicFileAttributes");
                asBasic.setAccessible(true);
                AS_BASIC = lookup.unreflect(asBasic).asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MethodHandle pathStat(MethodHandles.Lookup lookup, Class<?> dispatcher, String name,
                                             Class<?> result) throws ReflectiveOperationException {
            Method stat = dispatcher.getDeclaredMethod(name, UNIX_PATH, ATTRIBUTES);
            stat.setAccessible(true);
            return lookup.unreflect(stat).asType(MethodType.methodType(result, Object.class, Object.class));
        }

        private static MethodHandle getIfExists(MethodHandles.Lookup lookup) throws ReflectiveOperationException {
            Method get;
            try {
                get = ATTRIBUTES.getDeclaredMethod("getIfExists", UNIX_PATH);
            } catch (NoSuchMethodException e) {
                return null; // JDK 17
            }
            get.setAccessible(true);
            return lookup.unreflect(get).asType(MethodType.methodType(Object.class, Object.class));
        }

        private static MethodHandle statErrno(MethodHandles.Lookup lookup, Class<?> dispatcher)
                throws ReflectiveOperationException {
            try {
                Method stat = dispatcher.getDeclaredMethod("stat2", UNIX_PATH, ATTRIBUTES);
                if (stat.getReturnType() != int.class) {
                    return null;
                }
            } catch (NoSuchMethodException e) {
                return null; // JDK 17
            }
            return pathStat(lookup, dispatcher, "stat2", int.class);
        }

        private static MethodHandle field(MethodHandles.Lookup lookup, String name, Class<?> type)
                throws ReflectiveOperationException {
            Field f = ATTRIBUTES.getDeclaredField(name);
            f.setAccessible(true);
            return lookup.unreflectGetter(f).asType(MethodType.methodType(type, Object.class));
        }
    }

    /**
     * Reads the identity of descriptor {@code fd} ({@code fstat}); false (and {@link #valid} false) when that
     * fails. Allocates nothing after the thread's first call.
     */
    boolean ofDescriptor(int fd) {
        valid = false;
        if (fd < 0 || unavailable) {
            return false;
        }
        try {
            Object into = attributes;
            if (into == null) {
                into = (Object) Handles.NEW.invokeExact();
                attributes = into;
            }
            Handles.FSTAT.invokeExact(fd, into);
            return copy(into);
        } catch (LinkageError e) {
            unavailable = true;
            return false;
        } catch (Throwable t) {
            return false; // not examinable: the caller makes the full decision
        }
    }

    /**
     * Reads the identity from attributes the JDK read ({@code UnixFileAttributes}, or the wrapper a basic read
     * hands out); false when {@code read} is neither (another provider: nothing is remembered for it).
     */
    public boolean of(Object read) {
        valid = false;
        if (read == null || unavailable) {
            return false;
        }
        try {
            Object unix = read;
            if (Handles.WRAPPER.isInstance(read)) {
                unix = (Object) Handles.UNWRAP.invokeExact(read);
            }
            return Handles.ATTRIBUTES.isInstance(unix) && copy(unix);
        } catch (LinkageError e) {
            unavailable = true;
            return false;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Reads the identity of the folder {@code given} names up to {@code end} (its text {@code given[0, end)}, an
     * absolute path), following links as the kernel does for the folders of a path ({@code stat}); false, with
     * {@link #errno}, when that fails. The {@code Path} of the folder read last on this holder is kept: reading
     * the same folder again allocates nothing, and on JDK 21+ a failure throws nothing either.
     */
    public boolean ofFolder(String given, int end) {
        valid = false;
        errno = -1;
        if (unavailable || end <= 0 || !GuardBridge.guardAtWork()) {
            return false;
        }
        try {
            Object path = folderPath;
            String text = folderText;
            if (text == null || text.length() != end || !given.regionMatches(0, text, 0, end)) {
                text = given.substring(0, end);
                path = java.nio.file.Path.of(text);
                folderPath = path;
                folderText = text;
            }
            Object into = attributes;
            if (into == null) {
                into = (Object) Handles.NEW.invokeExact();
                attributes = into;
            }
            if (Handles.STAT_ERRNO != null) {
                int failed = (int) Handles.STAT_ERRNO.invokeExact(path, into);
                if (failed != 0) {
                    errno = failed;
                    return false;
                }
            } else {
                Handles.STAT.invokeExact(path, into);
            }
            errno = 0;
            return copy(into);
        } catch (LinkageError e) {
            unavailable = true;
            return false;
        } catch (Throwable t) {
            errno = errnoOf(t);
            return false;
        }
    }

    /**
     * Reads the identity of the folder {@code folder} names (an absolute path, links followed) through a
     * descriptor the guard opens on it ({@code O_PATH}), and answers true only when that very folder is a folder
     * that has no entry {@code name} at all: an {@code lstat} of {@code /proc/self/fd/D/name} fails with
     * {@code ENOENT} (a dangling link is an entry). The folder read and the name looked up in it are the same
     * object, whatever is renamed or relinked above it meanwhile; and while that folder keeps this ctime, it has
     * no such entry (making, removing or renaming an entry sets a folder's ctime). Not for a fast path: it opens,
     * allocates and closes.
     */
    public boolean ofFolderWithout(String folder, String name) {
        valid = false;
        errno = -1;
        if (unavailable || name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")
                || !GuardBridge.guardAtWork()) {
            return false;
        }
        int d = -1;
        try {
            d = Descriptors.openPath(java.nio.file.Path.of(folder), false);
            // The folder first, the name after: an entry made after the folder was read gives it a later ctime
            // (the caller remembers only a ctime older than its clock by more than the timestamps' granularity),
            // and one made before is found by the look.
            if (!ofDescriptor(d) || (mode & S_IFMT) != S_IFDIR) {
                valid = false;
                return false;
            }
            Object probe = (Object) Handles.NEW.invokeExact();
            try {
                Handles.LSTAT.invokeExact((Object) java.nio.file.Path.of(Descriptors.anchored(d, name)), probe);
            } catch (Throwable t) {
                if (errnoOf(t) == ENOENT) {
                    errno = ENOENT;
                    return true;
                }
            }
            valid = false; // an entry is there, or the look failed otherwise
            return false;
        } catch (LinkageError e) {
            unavailable = true;
            return false;
        } catch (Throwable t) {
            valid = false;
            return false;
        } finally {
            Descriptors.closeNumber(d);
        }
    }

    /** {@link #look}'s answer when nothing is there ({@code ENOENT}). */
    public static final Object NO_ENTRY = new Object();
    /** {@link #look}'s answer when it cannot look (an unexpected JDK): the caller looks through the provider. */
    public static final Object CANNOT_LOOK = new Object();

    /**
     * The attributes of the default file system's {@code path} ({@code sun.nio.fs.UnixPath}), read as the
     * provider's basic and POSIX views read them ({@code UnixFileAttributes.get}, or on JDK 21+
     * {@code getIfExists} when following links), without the provider's dispatch, the view it makes, or the
     * {@code NoSuchFileException} it builds for a missing name: the JDK's wrapper for {@code basic}, else the
     * {@code UnixFileAttributes} the POSIX view hands out; {@link #NO_ENTRY} for {@code ENOENT}; null when the
     * look failed otherwise (the provider would throw another exception); {@link #CANNOT_LOOK} when not a
     * {@code UnixPath} or the JDK's accessors are missing. Performs no Security Manager check: the caller looks
     * this way only when none is installed. Answers only inside the guard's own work on this thread
     * ({@link GuardBridge#guardAtWork}): the class is public to the application as well.
     */
    public static Object look(Object path, boolean follow, boolean basic) {
        if (unavailable || !Handles.UNIX_PATH.isInstance(path) || !GuardBridge.guardAtWork()) {
            return CANNOT_LOOK; // an application's own call is not the guard's: it looks through the provider
        }
        Object attributes;
        try {
            if (follow && Handles.GET_IF_EXISTS != null) {
                attributes = (Object) Handles.GET_IF_EXISTS.invokeExact(path);
                if (attributes == null) {
                    return NO_ENTRY;
                }
            } else {
                attributes = (Object) Handles.GET.invokeExact(path, follow);
            }
            return basic ? (Object) Handles.AS_BASIC.invokeExact(attributes) : attributes;
        } catch (LinkageError e) {
            unavailable = true;
            return CANNOT_LOOK;
        } catch (Throwable t) {
            return failedLook(t);
        }
    }

    /** What a look that threw answers: {@link #NO_ENTRY} for ENOENT, null for another errno, else {@link #CANNOT_LOOK}. */
    private static Object failedLook(Throwable t) {
        int errno = errnoOf(t);
        if (errno == ENOENT) {
            return NO_ENTRY;
        }
        return errno < 0 ? CANNOT_LOOK : null;
    }

    /**
     * {@link #look} into this thread's own attributes instead of new ones: the same {@code stat} (or {@code lstat}),
     * the same answers ({@link #NO_ENTRY}, null for another error, {@link #CANNOT_LOOK}), but what it finds is this
     * holder's basic attributes, filled again by the next {@code lookHere} on this thread. Only for a caller that
     * reads the answer at once and hands it to no one (a yes/no, file type or size answer), and that does not ask
     * it for a {@code fileKey()}: the JDK's attributes keep the key made on first use, which would be another
     * object's after the next look. Allocates nothing after the thread's first call (on JDK 17 a missing name's
     * {@code UnixException}, as {@link #look}).
     */
    public Object lookHere(Object path, boolean follow) {
        if (unavailable || !Handles.UNIX_PATH.isInstance(path) || !GuardBridge.guardAtWork()) {
            return CANNOT_LOOK;
        }
        try {
            Object into = lookAttributes;
            if (into == null) {
                into = (Object) Handles.NEW.invokeExact();
                lookBasic = (Object) Handles.AS_BASIC.invokeExact(into);
                lookAttributes = into;
            }
            if (follow && Handles.STAT_ERRNO != null) {
                int failed = (int) Handles.STAT_ERRNO.invokeExact(path, into);
                if (failed != 0) {
                    return failed == ENOENT ? NO_ENTRY : null;
                }
            } else if (follow) {
                Handles.STAT.invokeExact(path, into);
            } else {
                Handles.LSTAT.invokeExact(path, into);
            }
            return lookBasic;
        } catch (LinkageError e) {
            unavailable = true;
            return CANNOT_LOOK;
        } catch (Throwable t) {
            return failedLook(t);
        }
    }

    /** Whether {@code answer} is this holder's own attributes, as {@link #lookHere} answers them. */
    public boolean isOwnLook(Object answer) {
        return answer != null && answer == lookBasic;
    }

    /**
     * The default file system's {@code Path} of {@code text} ({@code Path.of}), kept for the text converted last on
     * this holder: a java.io query repeated on the same {@code File} allocates no path. Throws
     * {@link java.nio.file.InvalidPathException} as {@code Path.of} does.
     */
    public java.nio.file.Path pathOf(String text) {
        String last = lookText;
        if (last != null && (last == text || last.equals(text))) {
            return (java.nio.file.Path) lookPath;
        }
        java.nio.file.Path path = java.nio.file.Path.of(text);
        lookPath = path;
        lookText = text;
        return path;
    }

    private static final int ENOENT = 2;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    /** The error number a {@code UnixException} carries; -1 for anything else. */
    private static int errnoOf(Throwable t) {
        if (!Handles.UNIX_EXCEPTION.isInstance(t)) {
            return -1;
        }
        try {
            return (int) Handles.ERRNO.invokeExact(t);
        } catch (Throwable e) {
            return -1;
        }
    }

    private boolean copy(Object unix) throws Throwable {
        device = (long) Handles.DEV.invokeExact(unix);
        inode = (long) Handles.INO.invokeExact(unix);
        changedSeconds = (long) Handles.CTIME.invokeExact(unix);
        changedNanos = (long) Handles.CTIME_NS.invokeExact(unix);
        mode = (int) Handles.MODE.invokeExact(unix);
        links = (int) Handles.NLINK.invokeExact(unix);
        valid = true;
        return true;
    }

    /** Whether {@code other} holds the same object, unchanged (device, inode and ctime to the nanosecond). */
    public boolean same(long device, long inode, long changedSeconds, long changedNanos) {
        return valid && this.inode == inode && this.device == device && this.changedSeconds == changedSeconds
                && this.changedNanos == changedNanos;
    }
}
