package dev.agentguard.apps.hooks;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Actions for the hooks whose refusals no policy can lift: reflection and Unsafe aimed at the guard's own
 * state, and the foreign-function API. Each has a case that must pass (an ordinary class, a JNI load of a
 * JDK library) and one that must be refused.
 */
final class GuardActions {
    private GuardActions() {}

    static void register(Map<String, HookActions.Protected> actions) {
        actions.put("java.lang.reflect.AccessibleObject#checkCanSetAccessible(Ljava/lang/Class;Ljava/lang/Class;Z)",
                new HookActions.Protected(
                        s -> {
                            Field f = Sample.class.getDeclaredField("hidden");
                            f.setAccessible(true);
                            return "opened Sample.hidden: " + f.get(null);
                        },
                        s -> {
                            Field f = bridge().getDeclaredField("guard");
                            f.setAccessible(true);
                            return "opened GuardBridge.guard: " + (f.get(null) != null);
                        }));
        actions.put("java.lang.invoke.MethodHandles#privateLookupIn(Ljava/lang/Class;"
                        + "Ljava/lang/invoke/MethodHandles$Lookup;)",
                new HookActions.Protected(
                        s -> "private lookup in " + MethodHandles.privateLookupIn(Sample.class, MethodHandles.lookup())
                                .lookupClass().getSimpleName(),
                        s -> "private lookup in " + MethodHandles.privateLookupIn(bridge(), MethodHandles.lookup())
                                .lookupClass().getSimpleName()));
        actions.put("sun.misc.Unsafe#objectFieldOffset(Ljava/lang/reflect/Field;)", new HookActions.Protected(
                s -> "offset " + unsafe("objectFieldOffset", Sample.class.getDeclaredField("instanceField")),
                s -> "offset " + unsafe("objectFieldOffset", java.io.FileDescriptor.class.getDeclaredField("fd"))));
        actions.put("sun.misc.Unsafe#staticFieldOffset(Ljava/lang/reflect/Field;)", new HookActions.Protected(
                s -> "offset " + unsafe("staticFieldOffset", Sample.class.getDeclaredField("hidden")),
                s -> "offset " + unsafe("staticFieldOffset", bridge().getDeclaredField("guard"))));
        actions.put("sun.misc.Unsafe#staticFieldBase(Ljava/lang/reflect/Field;)", new HookActions.Protected(
                s -> "base " + (unsafe("staticFieldBase", Sample.class.getDeclaredField("hidden")) != null),
                s -> "base " + (unsafe("staticFieldBase", bridge().getDeclaredField("guard")) != null)));
        actions.put("jdk.internal.reflect.Reflection#ensureNativeAccess(Ljava/lang/Class;Ljava/lang/Class;"
                        + "Ljava/lang/String;Z)",
                new HookActions.Protected(
                        s -> {
                            // A JNI load of a JDK library passes the same gate with jni=true.
                            System.loadLibrary("prefs");
                            return "loaded the JDK's libprefs";
                        },
                        s -> {
                            // SymbolLookup.libraryLookup("libc.so.6", Arena.global()), by reflection: the
                            // project compiles for Java 17, where java.lang.foreign is not there.
                            Class<?> arena = Class.forName("java.lang.foreign.Arena");
                            Object global = arena.getMethod("global").invoke(null);
                            Method lookup = Class.forName("java.lang.foreign.SymbolLookup")
                                    .getMethod("libraryLookup", String.class, arena);
                            try {
                                return "looked up libc: " + lookup.invoke(null, "libc.so.6", global);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw (Exception) e.getCause();
                            }
                        }));
    }

    /**
     * The guard's threads: each Thread method is called on a fresh thread of ours (passes) and on the
     * killswitch watcher (refused). The sandbox policies name a killswitch file, so the watcher runs.
     */
    static void registerThreads(Map<String, HookActions.Protected> actions) {
        threadAction(actions, "interrupt()", Thread::interrupt);
        threadAction(actions, "stop()", GuardActions::stop);
        threadAction(actions, "suspend()", GuardActions::suspend);
        threadAction(actions, "setPriority(I)", t -> t.setPriority(Thread.MIN_PRIORITY));
        threadAction(actions, "setName(Ljava/lang/String;)", t -> t.setName("renamed"));
        threadAction(actions, "setUncaughtExceptionHandler(Ljava/lang/Thread$UncaughtExceptionHandler;)",
                t -> t.setUncaughtExceptionHandler((th, e) -> { }));
    }

    interface ThreadCall {
        void apply(Thread thread) throws Exception;
    }

    private static void threadAction(Map<String, HookActions.Protected> actions, String method, ThreadCall call) {
        actions.put("java.lang.Thread#" + method, new HookActions.Protected(
                s -> {
                    Thread ours = new Thread(() -> { }, "ours");
                    call.apply(ours);
                    return method + " on a thread of ours (not started)";
                },
                s -> {
                    call.apply(killswitchThread());
                    return method + " on agentguard-killswitch";
                }));
    }

    /** The guard's killswitch watcher, found the way an attacker finds it. */
    static Thread killswitchThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("agentguard-killswitch")) {
                return t;
            }
        }
        throw new IllegalStateException("no agentguard-killswitch thread: the policy names no killswitch file");
    }

    /** Thread.stop and suspend by reflection: deprecated for removal, gone (or throwing) on newer JDKs. */
    private static void stop(Thread thread) throws Exception {
        invoke(thread, "stop");
    }

    private static void suspend(Thread thread) throws Exception {
        invoke(thread, "suspend");
    }

    private static void invoke(Thread thread, String method) throws Exception {
        try {
            Thread.class.getMethod(method).invoke(thread);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Class<?> bridge() throws ClassNotFoundException {
        return Class.forName("dev.agentguard.bootstrap.GuardBridge");
    }

    /** Calls a sun.misc.Unsafe method taking a Field, the way libraries do (theUnsafe by reflection). */
    private static Object unsafe(String method, Field field) throws Exception {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = type.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        try {
            return type.getMethod(method, Field.class).invoke(theUnsafe.get(null), field);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** An ordinary class with private fields. */
    static final class Sample {
        private static String hidden = "ours";
        private int instanceField;

        private Sample() {}
    }
}
