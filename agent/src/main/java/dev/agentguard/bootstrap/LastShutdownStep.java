package dev.agentguard.bootstrap;

import java.lang.reflect.Method;

/**
 * Runs the guard's last work (the summary record) after every application shutdown hook has finished.
 *
 * <p>{@code Runtime.addShutdownHook} threads all start together and run in no order, so a summary written
 * from one of them misses what the others do meanwhile: a framework closing its server, a logger flushing,
 * each of which can be denied. The JDK runs its own shutdown steps in numbered slots after the application's
 * hooks (slot 1, all joined; slot 2 deletes the {@code deleteOnExit} files); {@link #SLOT} is one the JDK
 * leaves free, reached through {@code jdk.internal.access}, which the guard exports to the bootstrap class
 * path's unnamed module (the bridge) only, never to the application's.
 *
 * <p>Only the bridge calls this, from the guard's start-up on its own thread.
 */
public final class LastShutdownStep {
    /** The last of the JDK's ten shutdown slots (0 console, 1 application hooks, 2 deleteOnExit). */
    static final int SLOT = 9;

    private LastShutdownStep() {}

    /**
     * Registers {@code step} to run after the application's shutdown hooks; needs the guard's key. Returns
     * false (and registers nothing) when the JDK refuses: the caller then runs the step from an ordinary
     * shutdown hook, as before.
     */
    public static boolean register(Object presented, Runnable step) {
        GuardBridge.checkKey(presented);
        try {
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object javaLang = secrets.getMethod("getJavaLangAccess").invoke(null);
            Method register = Class.forName("jdk.internal.access.JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
            register.invoke(javaLang, SLOT, false, step);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
