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
     * Set when the JDK's accessors cannot be resolved (an unexpected JDK): every read then answers false at once,
     * instead of failing the class's initialization again on every check.
     */
    private static volatile boolean unavailable;

    /** This thread's {@code UnixFileAttributes}, filled again by every {@code fstat}. */
    private Object attributes;

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
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
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
