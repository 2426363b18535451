package dev.agentguard.bootstrap;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changes the guard does itself on a pinned name ({@code /proc/self/fd/D/leaf}), where the JDK's method
 * takes no path argument that the advice could replace: the {@code java.io.File} changes act on
 * {@code this}, and an attribute view acts on the path it holds in a final field. The guard makes the same
 * call on a {@code File}, or on a fresh view of the same class, made for the pinned name, and returns what
 * that call returned, so the caller sees the JDK's own semantics (its checks, its return values, its
 * exceptions). The inner call runs inside the guard (the bridge holds the reentrancy depth), so its own hook
 * lets it through: it was decided already, on the folder the guard holds.
 */
final class PinnedActs {
    /** The view setters by {@code "type.name(descriptor)"}, as the advice names them. */
    private static final ConcurrentHashMap<String, Method> SETTERS = new ConcurrentHashMap<>();
    /** Each view class's {@code (UnixPath file, boolean followLinks)} constructor. */
    private static final ConcurrentHashMap<Class<?>, Constructor<?>> VIEWS = new ConcurrentHashMap<>();

    private PinnedActs() {}

    /**
     * A {@code java.io.File} change ({@code method}, with the advice's {@code args}) on the pinned name.
     * Throws what the JDK's method throws (createNewFile's IOException, setLastModified's
     * IllegalArgumentException).
     */
    static boolean javaIo(String method, String handed, Object[] args) throws IOException {
        File file = new File(handed);
        switch (method) {
            case "createNewFile":
                return file.createNewFile();
            case "mkdir":
                return file.mkdir();
            case "setLastModified":
                return setLastModified(handed, (Long) args[0]);
            case "setReadOnly":
                return file.setReadOnly();
            case "setWritable":
                return file.setWritable((Boolean) args[0], (Boolean) args[1]);
            case "setReadable":
                return file.setReadable((Boolean) args[0], (Boolean) args[1]);
            case "setExecutable":
                return file.setExecutable((Boolean) args[0], (Boolean) args[1]);
            default:
                throw new InternalError("no pinned act for java.io.File." + method);
        }
    }

    /**
     * {@code File.setLastModified} on the pinned name without following a link swapped in at the leaf since it
     * was decided (its real form, no link): NIO's times view, which keeps the access time as java.io does and
     * sets a link's own times ({@code lutimes}) instead of following it. java.io's own answers: false on any
     * error, IllegalArgumentException for a negative time.
     */
    private static boolean setLastModified(String handed, long time) {
        if (time < 0) {
            throw new IllegalArgumentException("Negative time");
        }
        try {
            java.nio.file.Files.getFileAttributeView(Path.of(handed), java.nio.file.attribute.BasicFileAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(java.nio.file.attribute.FileTime.fromMillis(time),
                    null, null);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An attribute view's write ({@code setter}: {@code "type.name(descriptor)"}) made again on a fresh view of
     * {@code view}'s class for {@code pinned}, following links as the original view does. Returns the
     * setter's result (null for a void setter). The setter's own exceptions come out unwrapped; a failure to make
     * the call at all is an {@link InternalError}.
     */
    static Object view(Object view, String setter, Object[] args, Path pinned, boolean followLinks)
            throws IOException {
        return view(view, null, setter, args, pinned, followLinks);
    }

    /**
     * {@link #view} for a view that is an inner class of {@code outer} (a {@code SecureDirectoryStream}'s
     * views: the fresh view belongs to the same stream, and its absolute pinned name makes {@code openat}
     * ignore the stream's descriptor); {@code outer} null for a view of the provider.
     */
    static Object view(Object view, Object outer, String setter, Object[] args, Path pinned, boolean followLinks)
            throws IOException {
        Method method = SETTERS.get(setter);
        if (method == null) {
            method = setter(setter);
            SETTERS.put(setter, method);
        }
        Class<?> type = view.getClass();
        try {
            Constructor<?> constructor = VIEWS.get(type);
            if (constructor == null) {
                constructor = outer == null
                        ? type.getDeclaredConstructor(pinned.getClass(), boolean.class)
                        : type.getDeclaredConstructor(outer.getClass(), pinned.getClass(), boolean.class);
                constructor.setAccessible(true);
                VIEWS.put(type, constructor);
            }
            Object fresh = outer == null
                    ? constructor.newInstance(pinned, followLinks)
                    : constructor.newInstance(outer, pinned, followLinks);
            return method.invoke(fresh, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new InternalError(cause);
        } catch (ReflectiveOperationException e) {
            // The guard's own failure (an Error, so the bridge denies it): the JDK's classes are not as expected.
            throw new InternalError("cannot make " + setter + " on a pinned view", e);
        }
    }

    /** Finds {@code "type.name(descriptor)"} among the type's declared methods. */
    private static Method setter(String setter) {
        int paren = setter.indexOf('(');
        int dot = setter.lastIndexOf('.', paren);
        String name = setter.substring(dot + 1, paren);
        String descriptor = setter.substring(paren);
        try {
            Class<?> type = Class.forName(setter.substring(0, dot), false, null);
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && descriptor(method).equals(descriptor)) {
                    method.setAccessible(true);
                    return method;
                }
            }
        } catch (ClassNotFoundException e) {
            throw new InternalError("no class for " + setter, e);
        }
        throw new InternalError("no method " + setter);
    }

    private static String descriptor(Method method) {
        StringBuilder out = new StringBuilder("(");
        for (Class<?> parameter : method.getParameterTypes()) {
            out.append(parameter.descriptorString());
        }
        return out.append(')').append(method.getReturnType().descriptorString()).toString();
    }
}
