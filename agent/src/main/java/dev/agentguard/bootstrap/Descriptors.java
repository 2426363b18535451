package dev.agentguard.bootstrap;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.channels.Channel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The descriptor behind a JDK open, and where the kernel says it is: {@code readlink /proc/self/fd/N}.
 * This is how the guard decides on the object the kernel opened instead of a name it computed (issue 13,
 * docs/design/kernel-objects.md).
 *
 * <p>The numbers are private to the JDK. The agent exports {@code jdk.internal.access} (a descriptor's
 * number, its close) and opens {@code sun.nio.ch} (the descriptor a file channel holds) to this class's
 * module, the bootstrap class loader's unnamed module, at start ({@link #enable}); nothing else lives in
 * that module. Package-private on purpose: the application reaches these only through the bridge's checks.
 * Nothing here is resolved before {@link #enable}: the handles are made then, once.
 */
final class Descriptors {
    static final String PROC_FD = "/proc/self/fd/";
    /**
     * Where {@link #where} reads links: this process's own folder by number, which spares the kernel
     * resolving the {@code self} link on every check (the process id never changes).
     */
    private static final String OWN_FD = "/proc/" + ownPid() + "/fd/";
    /** Paths of small descriptor numbers, made once: a read's check then allocates no path for the link. */
    private static final Path[] LINKS = new Path[1024];

    /**
     * The process id as {@code /proc} names it ({@code /proc/self}'s target, so {@code /proc/<pid>} is the folder
     * {@code /proc/self} names), else {@code ProcessHandle}'s, whose first use initializes the JDK's process
     * machinery at every start.
     */
    private static long ownPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** Set once {@link #enable} proved the accessors work; before that, nothing here is used. */
    private static volatile boolean enabled;

    private Descriptors() {}

    /**
     * The accessors, resolved when this class is first used, which {@link #enable} does once the JDK packages
     * are exported and opened to this module. Static finals, so that the JIT inlines the handles.
     */
    private static final class Handles {
        static final MethodHandle NUMBER;
        static final MethodHandle CLOSE;
        static final MethodHandle CHANNEL_FD;
        static final MethodHandle ASYNC_CHANNEL_FD;
        static final Class<?> CHANNEL_TYPE;
        static final Class<?> ASYNC_CHANNEL_TYPE;
        /** {@code UnixNativeDispatcher.open(UnixPath, flags, mode)}: an open with flags the JDK has no option for. */
        static final MethodHandle OPEN;
        /** {@code UnixNativeDispatcher.close(int)} (throws a {@code UnixException} on JDK 25, not on 17). */
        static final MethodHandle CLOSE_NUMBER;
        /** {@code UnixException.asIOException(UnixPath)}: the JDK's own exception for a failed open. */
        static final MethodHandle AS_IO_EXCEPTION;
        static final Class<?> UNIX_EXCEPTION;
        static final Class<?> UNIX_PATH;
        static final int O_NOFOLLOW;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> access = Class.forName("jdk.internal.access.JavaIOFileDescriptorAccess");
                Object fdAccess = Class.forName("jdk.internal.access.SharedSecrets")
                        .getMethod("getJavaIOFileDescriptorAccess").invoke(null);
                NUMBER = lookup.findVirtual(access, "get", MethodType.methodType(int.class, FileDescriptor.class))
                        .bindTo(fdAccess);
                CLOSE = lookup.findVirtual(access, "close", MethodType.methodType(void.class, FileDescriptor.class))
                        .bindTo(fdAccess);
                CHANNEL_TYPE = Class.forName("sun.nio.ch.FileChannelImpl");
                ASYNC_CHANNEL_TYPE = Class.forName("sun.nio.ch.AsynchronousFileChannelImpl");
                CHANNEL_FD = getter(lookup, CHANNEL_TYPE, "fd");
                ASYNC_CHANNEL_FD = getter(lookup, ASYNC_CHANNEL_TYPE, "fdObj");
                Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                UNIX_PATH = Class.forName("sun.nio.fs.UnixPath");
                UNIX_EXCEPTION = Class.forName("sun.nio.fs.UnixException");
                java.lang.reflect.Method open = dispatcher.getDeclaredMethod("open", UNIX_PATH, int.class, int.class);
                open.setAccessible(true);
                OPEN = lookup.unreflect(open).asType(MethodType.methodType(int.class, Path.class, int.class, int.class));
                java.lang.reflect.Method close = dispatcher.getDeclaredMethod("close", int.class);
                close.setAccessible(true);
                CLOSE_NUMBER = lookup.unreflect(close);
                java.lang.reflect.Method asIo = UNIX_EXCEPTION.getDeclaredMethod("asIOException", UNIX_PATH);
                asIo.setAccessible(true);
                AS_IO_EXCEPTION = lookup.unreflect(asIo).asType(
                        MethodType.methodType(IOException.class, Throwable.class, Path.class));
                Field noFollow = Class.forName("sun.nio.fs.UnixConstants").getDeclaredField("O_NOFOLLOW");
                noFollow.setAccessible(true);
                O_NOFOLLOW = noFollow.getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> owner, String name)
                throws ReflectiveOperationException {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return lookup.unreflectGetter(field).asType(MethodType.methodType(FileDescriptor.class, Object.class));
        }
    }

    /**
     * Resolves the accessors (the agent calls this after exporting the JDK packages) and proves they work:
     * opens a file, reads its descriptor's link and compares it with the file's real path. Returns a
     * problem, or null when decisions on descriptors can be made.
     */
    static String enable(Path probe) {
        try {
            Class.forName(Handles.class.getName(), true, Descriptors.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            return "cannot read the JDK's file descriptors: " + e;
        }
        enabled = true;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(probe)) {
            String expected = probe.toRealPath().toString();
            String seen = where(number(channel));
            int byPath = openPath(probe, false);
            try {
                String named = where(byPath);
                if (!expected.equals(named)) {
                    enabled = false;
                    return "an O_PATH descriptor of " + expected + " names " + named + "; the guard pins folders"
                            + " with such descriptors and cannot run without them";
                }
            } finally {
                closeNumber(byPath);
            }
            if (!expected.equals(seen)) {
                enabled = false;
                return "/proc/self/fd does not name open files (" + PROC_FD + " of " + expected + " reads "
                        + seen + "); the guard decides on open files through it and cannot run without it";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            enabled = false;
            return "/proc/self/fd is not usable (" + e + "); the guard decides on open files through it and"
                    + " cannot run without it";
        }
    }

    /** The descriptor number of what an open produced: a {@link FileDescriptor} or a JDK file channel. */
    static int number(Object opened) {
        return opened instanceof FileDescriptor ? number((FileDescriptor) opened) : number((Channel) opened);
    }

    /** Closes what an open produced, quietly, for a denial. */
    static void close(Object opened) {
        if (opened instanceof FileDescriptor) {
            close((FileDescriptor) opened);
        } else if (opened instanceof Channel) {
            close((Channel) opened);
        }
    }

    /** The number inside {@code fd}; -1 when it holds none. */
    static int number(FileDescriptor fd) {
        try {
            return (int) Handles.NUMBER.invokeExact(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The descriptor a file channel the JDK made holds (FileChannel, or an AsynchronousFileChannel). */
    static int number(Channel channel) {
        try {
            FileDescriptor fd;
            if (Handles.CHANNEL_TYPE.isInstance(channel)) {
                fd = (FileDescriptor) Handles.CHANNEL_FD.invokeExact((Object) channel);
            } else if (Handles.ASYNC_CHANNEL_TYPE.isInstance(channel)) {
                fd = (FileDescriptor) Handles.ASYNC_CHANNEL_FD.invokeExact((Object) channel);
            } else {
                throw new IllegalStateException("not a file channel of the JDK: " + channel.getClass().getName());
            }
            return number(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Closes {@code fd}, quietly: used on a denial, which is thrown whatever happens here. */
    static void close(FileDescriptor fd) {
        try {
            Handles.CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
            // The denial is thrown anyway; a descriptor that would not close is the JDK's to clean up.
        }
    }

    /** Closes {@code channel}, quietly, for a denial. */
    static void close(Channel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // As above.
        }
    }

    /**
     * {@code O_PATH}: a descriptor that names an object without opening it for reading or writing. The same
     * value on every Linux architecture the JDK supports except SPARC (the generic headers' 010000000);
     * {@link #enable} proves it by opening the probe with it.
     */
    private static final int O_PATH = 010000000;
    /** {@code O_CLOEXEC}: a child never inherits the guard's own descriptors. */
    private static final int O_CLOEXEC = 02000000;

    /**
     * Opens {@code path} with {@code O_PATH} (docs/design/kernel-objects.md, "The guard's own descriptors"):
     * the descriptor names the object, and {@code /proc/self/fd/N} (and {@code /proc/self/fd/N/leaf} for a
     * folder) reach it, but nothing is opened for reading or writing. Closing it therefore does not release
     * the process's POSIX ({@code fcntl}) locks on the object, which closing any other descriptor of it would:
     * an application's {@code FileChannel.lock()} survives the guard's looks. It also needs no read permission
     * (a folder of mode {@code -wx} can be pinned), and opening a FIFO or a device this way has no effect.
     * {@code noFollow}: a link at the last name is named itself ({@code O_NOFOLLOW}), never followed.
     * Throws the JDK's own exception for {@code path} when the open fails. Close with {@link #closeNumber}.
     */
    static int openPath(Path path, boolean noFollow) throws IOException {
        int flags = O_PATH | O_CLOEXEC | (noFollow ? Handles.O_NOFOLLOW : 0);
        try {
            return (int) Handles.OPEN.invokeExact(path, flags, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            if (Handles.UNIX_EXCEPTION.isInstance(t)) {
                try {
                    throw (IOException) Handles.AS_IO_EXCEPTION.invokeExact(t, path);
                } catch (IOException e) {
                    throw e;
                } catch (Throwable other) {
                    throw new IOException(path + ": cannot be opened (" + t + ")");
                }
            }
            throw new IOException(path + ": cannot be opened (" + t + ")");
        }
    }

    /** Closes a descriptor {@link #openPath} gave, quietly; -1 is nothing. */
    static void closeNumber(int n) {
        if (n < 0) {
            return;
        }
        try {
            Handles.CLOSE_NUMBER.invoke(n);
        } catch (Throwable ignored) {
            // A close of an O_PATH descriptor has nothing to flush; one that fails leaves only a number.
        }
    }

    /**
     * What the kernel says descriptor {@code n} is: {@code readlink /proc/self/fd/n}. For a file, its path
     * now (with " (deleted)" after it once unlinked); for a pipe or socket, a text such as {@code pipe:[7]}.
     */
    static String where(int n) throws IOException {
        if (!enabled) {
            throw new IOException("decisions on descriptors are not enabled");
        }
        if (n < 0) {
            throw new IOException("no open descriptor");
        }
        return Files.readSymbolicLink(link(n)).toString();
    }

    /** {@code /proc/<pid>/fd/n} as a path, kept for small numbers. */
    static Path link(int n) {
        if (n < LINKS.length) {
            Path p = LINKS[n];
            if (p == null) {
                p = Path.of(OWN_FD + n);
                LINKS[n] = p;
            }
            return p;
        }
        return Path.of(OWN_FD + n);
    }

    /**
     * {@code /proc/<pid>/fd/n}: descriptor {@code n} for the guard's own use within this process (a listing),
     * which spares the kernel resolving {@code self}. Never handed to the JDK for a child or a socket name.
     */
    static String own(int n) {
        return OWN_FD + n;
    }

    /** The text a path handed to the JDK needs to reach descriptor {@code n}, or {@code name} inside it. */
    static String anchored(int n, String name) {
        return name == null ? PROC_FD + n : PROC_FD + n + "/" + name;
    }
}
