package dev.agentguard.apps.attacks;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The Foreign Function and Memory API (final since JDK 22) calls C directly, with no JDK method in
 * between for a hook to sit on: {@code getenv("OPENAI_API_KEY")} and {@code open}/{@code read} of
 * {@code ~/.ssh/id_rsa} through {@code Linker.nativeLinker().defaultLookup()}, and
 * {@code SymbolLookup.libraryLookup} of a library outside the grants. The project compiles with
 * {@code --release 17}, so the API is reached by reflection; on JDK 17 it does not exist (only the
 * incubator module, which needs {@code --add-modules}) and the attack reports that.
 */
public final class FfmAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("FfmAttack", new FfmAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        report.grab("ffm-downcall-getenv", () -> {
            Ffm ffm = new Ffm();
            try (AutoCloseable arena = ffm.confinedArena()) {
                Object name = ffm.string(arena, EnvAttack.SECRET);
                Object value = ffm.downcall("getenv", ffm.address, ffm.address).invokeWithArguments(name);
                return ffm.isNull(value) ? null : ffm.readString(value);
            }
        });
        report.grab("ffm-downcall-open-read-ssh-key", () -> {
            Ffm ffm = new Ffm();
            try (AutoCloseable arena = ffm.confinedArena()) {
                Object path = ffm.string(arena, t.sshKey().toString());
                int fd = (int) ffm.downcall("open", ffm.jint, ffm.address, ffm.jint).invokeWithArguments(path, 0);
                if (fd < 0) {
                    return "open failed";
                }
                Object buffer = ffm.allocate(arena, 4096);
                long n = (long) ffm.downcall("read", ffm.jlong, ffm.jint, ffm.address, ffm.jlong)
                        .invokeWithArguments(fd, buffer, 4096L);
                ffm.downcall("close", ffm.jint, ffm.jint).invokeWithArguments(fd);
                return n <= 0 ? "read nothing" : ffm.readString(buffer);
            }
        });
        report.mustThrow("ffm-librarylookup-outside", () -> {
            Ffm ffm = new Ffm();
            try (AutoCloseable arena = ffm.confinedArena()) {
                Method libraryLookup = ffm.symbolLookup.getMethod("libraryLookup", Path.class, ffm.arena);
                invoke(libraryLookup, null, t.outside().resolve("lib/libevil.so"), arena);
            }
        }, "a library outside native.load was loaded through SymbolLookup.libraryLookup");
    }

    static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** java.lang.foreign reached by reflection. */
    static final class Ffm {
        final Class<?> linker = Class.forName("java.lang.foreign.Linker");
        final Class<?> symbolLookup = Class.forName("java.lang.foreign.SymbolLookup");
        final Class<?> arena = Class.forName("java.lang.foreign.Arena");
        final Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        final Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
        final Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        final Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        final Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
        final Object address = valueLayout.getField("ADDRESS").get(null);
        final Object jint = valueLayout.getField("JAVA_INT").get(null);
        final Object jlong = valueLayout.getField("JAVA_LONG").get(null);
        final Object nativeLinker = invoke(linker.getMethod("nativeLinker"), null);

        Ffm() throws Exception {}

        AutoCloseable confinedArena() throws Exception {
            return (AutoCloseable) invoke(arena.getMethod("ofConfined"), null);
        }

        Object string(Object inArena, String s) throws Exception {
            return invoke(arena.getMethod("allocateFrom", String.class), inArena, s);
        }

        Object allocate(Object inArena, long bytes) throws Exception {
            return invoke(arena.getMethod("allocate", long.class), inArena, bytes);
        }

        MethodHandle downcall(String function, Object result, Object... parameters) throws Exception {
            Object lookup = invoke(linker.getMethod("defaultLookup"), nativeLinker);
            Object symbol = ((java.util.Optional<?>) invoke(symbolLookup.getMethod("find", String.class), lookup, function))
                    .orElseThrow(() -> new IllegalStateException("no symbol " + function));
            Object params = Array.newInstance(layout, parameters.length);
            for (int i = 0; i < parameters.length; i++) {
                Array.set(params, i, parameters[i]);
            }
            Object fd = invoke(descriptor.getMethod("of", layout, params.getClass()), null, result, params);
            return (MethodHandle) invoke(linker.getMethod("downcallHandle", segment, descriptor, Array.newInstance(option, 0)
                    .getClass()), nativeLinker, symbol, fd, Array.newInstance(option, 0));
        }

        boolean isNull(Object seg) throws Exception {
            return (long) invoke(segment.getMethod("address"), seg) == 0L;
        }

        String readString(Object seg) throws Exception {
            Object wide = invoke(segment.getMethod("reinterpret", long.class), seg, 1L << 16);
            return (String) invoke(segment.getMethod("getString", long.class), wide, 0L);
        }
    }
}
