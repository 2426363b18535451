package dev.agentguard.agent;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.LastShutdownStep;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM's last shutdown step ({@link LastShutdownStep}), after every application hook, so the summary's
 * counts include what those hooks did. {@code jdk.internal.access} is exported for that to the bootstrap class
 * path's unnamed module, where only the bridge (and what the operator appended there) lives; the
 * application's class path does not get it.
 *
 * <p>Claimed on a thread of its own while the policy loads, and pointed at the summary once the start is
 * done ({@link #fill}). Claiming it opens
 * {@code jdk.internal.access} to the bridge's module and registers through reflection, which on JDK 18 and
 * later spins method handles for each first call: 20-40 ms at the end of the start on JDK 25, where nothing
 * else could run beside it. The thread is the guard's own (it may run while the hooks go in); the step does
 * nothing until filled, and a start that fails halts the JVM, which runs no shutdown step.
 */
final class ShutdownSlot implements Runnable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instrumentation instrumentation;
    private final Object guardKey;
    private volatile boolean claimed;
    private volatile Runnable step;

    private ShutdownSlot(Instrumentation instrumentation, Object guardKey) {
        this.instrumentation = instrumentation;
        this.guardKey = guardKey;
    }

    static ShutdownSlot claim(Instrumentation instrumentation, Object guardKey) {
        ShutdownSlot slot = new ShutdownSlot(instrumentation, guardKey);
        Thread thread = new Thread(slot.new Claim(), "agentguard-shutdown-slot");
        thread.setDaemon(true);
        thread.start();
        return slot;
    }

    /** A named class, not a method reference: a lambda's class is spun at its first use, at start. */
    private final class Claim implements Runnable {
        @Override
        public void run() {
            claimNow();
        }
    }

    private void claimNow() {
        GuardBridge.enterGuard(guardKey);
        try {
            Module javaBase = Object.class.getModule();
            instrumentation.redefineModule(javaBase, Set.of(),
                    Map.of("jdk.internal.access", Set.of(GuardBridge.class.getModule())), Map.of(), Set.of(), Map.of());
            claimed = LastShutdownStep.register(guardKey, this);
        } catch (RuntimeException | Error e) {
            claimed = false;
        } finally {
            GuardBridge.exitGuard(guardKey);
            done.countDown();
        }
    }

    /**
     * Makes {@code summary} the step; false when the slot could not be claimed (the JDK refused it), and the
     * caller then registers a shutdown hook of its own.
     */
    boolean fill(Runnable summary) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!claimed) {
            return false;
        }
        step = summary;
        return true;
    }

    /** Run by the JVM as its last shutdown step. */
    @Override
    public void run() {
        Runnable summary = step;
        if (summary != null) {
            summary.run();
        }
    }
}
