package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.process.Timeout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The children started under the guard, until they end: a child that outlives its time limit
 * ({@code process.timeout}, or its rule's {@code timeout}) gets SIGTERM, then SIGKILL after
 * {@link #GRACE_MILLIS}; every child still running is ended when the killswitch trips (both modes) and when
 * the JVM exits (unless {@code process.on_exit: keep}). Each ending is recorded. A child's own children are
 * signalled with it, as far as they are still its descendants.
 *
 * <p>A daemon thread of the guard's own waits for the next deadline; it survives interrupts. What it cannot
 * do: end a child after the JVM was killed with SIGKILL (no shutdown hook runs), or reach a grandchild that
 * left the child's process tree (a double fork).
 */
final class ChildProcesses implements Runnable {
    static final long GRACE_MILLIS = 5_000;
    /** How long the JVM's exit waits for children to end on SIGTERM before SIGKILL. */
    static final long EXIT_GRACE_MILLIS = 2_000;

    private final Verdicts verdicts;
    private final boolean keepOnExit;
    private final Object lock = new Object();
    // Guarded by lock.
    private final List<Child> running = new ArrayList<>();
    private Thread thread;
    private Object guardKey;
    /** Set when the JVM's exit began ending the children (never with on_exit: keep). */
    private volatile boolean exiting;

    ChildProcesses(Verdicts verdicts, boolean keepOnExit) {
        this.verdicts = verdicts;
        this.keepOnExit = keepOnExit;
    }

    /** One started child. */
    static final class Child {
        final Process process;
        final String command;
        final String rule;
        final long timeoutMillis;
        final long deadline;
        long killAt;

        Child(Process process, String command, String rule, long timeoutMillis) {
            this.process = process;
            this.command = command;
            this.rule = rule;
            this.timeoutMillis = timeoutMillis;
            this.deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        }
    }

    void start(Object key) {
        this.guardKey = key;
    }

    /** A child the JDK just started; {@code timeoutMillis} 0 means no limit. */
    void started(Process process, String command, String rule, long timeoutMillis) {
        // Tracked even without a time limit under on_exit: keep: the killswitch ends every running child.
        synchronized (lock) {
            pruneEnded();
            running.add(new Child(process, command, rule, timeoutMillis));
            if (timeoutMillis > 0) {
                ensureWatcher();
                lock.notifyAll();
            }
        }
        if (exiting) {
            // Started (by another shutdown hook, say) after the exit ended the children: it ends as well.
            endExit();
        }
    }

    /**
     * Whether the JVM's exit has begun ending the children: a child started from now on (by an application's
     * shutdown hook, which runs beside the guard's) would outlive the JVM, so its start is refused.
     */
    boolean exiting() {
        return exiting;
    }

    private void ensureWatcher() {
        if (thread == null) {
            thread = GuardThreads.start(guardKey, this, "agentguard-children");
        }
    }

    private void pruneEnded() {
        Iterator<Child> it = running.iterator();
        while (it.hasNext()) {
            if (!it.next().process.isAlive()) {
                it.remove();
            }
        }
    }

    @Override
    public void run() {
        GuardBridge.markGuardThread(guardKey);
        while (true) {
            try {
                synchronized (lock) {
                    lock.wait(Math.max(1, checkDeadlines()));
                }
            } catch (InterruptedException e) {
                // The guard's thread is not the application's to stop: keep watching.
            } catch (Throwable e) {
                // Any error (an OutOfMemoryError the application forced by filling the heap, say) is retried:
                // a watcher that ended would leave time limits unenforced, and its end would hand the error
                // to the application's default handler on this unchecked thread (GuardThreads).
                OwnStandardError.println(WATCHER_FAILED, e);
                pause();
            }
        }
    }

    /**
     * The notice of a failed round, made when the class is initialized: a string literal in the handler would
     * be made at its first use, which a full heap makes fail, ending the thread after all.
     */
    private static final String WATCHER_FAILED = String.valueOf((Object) "agentguard: the child-process watcher failed");

    /** A short wait before the next round after a failure, so that a lasting one does not spin. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (Throwable ignored) {
            // the next round comes sooner
        }
    }

    /** Signals the children whose time is up; returns how long to wait for the next deadline, in ms. */
    private long checkDeadlines() {
        long now = System.nanoTime();
        long next = TimeUnit.SECONDS.toNanos(60);
        pruneEnded();
        for (Child child : running) {
            if (child.deadline == 0) {
                continue;
            }
            if (child.killAt == 0 && now - child.deadline >= 0) {
                Decision why = Decision.deny(child.rule.startsWith("process.exec") ? child.rule + ".timeout"
                        : "process.timeout", "the child ran longer than its time limit of "
                        + Timeout.describe(child.timeoutMillis) + "; it gets SIGTERM, then SIGKILL after "
                        + GRACE_MILLIS / 1000 + "s");
                if (act("timeout", child, why, false)) {
                    signal(child.process, false);
                    child.killAt = now + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
                } else {
                    child.killAt = -1;
                }
            } else if (child.killAt > 0 && now - child.killAt >= 0) {
                act("kill", child, Decision.deny("process.timeout",
                        "the child did not end within " + GRACE_MILLIS / 1000 + "s of SIGTERM: SIGKILL"), false);
                signal(child.process, true);
                child.killAt = -1;
            }
            long due = child.killAt > 0 ? child.killAt : child.killAt == 0 ? child.deadline : 0;
            if (due != 0) {
                next = Math.min(next, Math.max(0, due - now));
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(next) + 1;
    }

    /** The killswitch tripped: every running child is ended, in both modes. */
    void killswitch(String file) {
        endAll("end-killswitch", Decision.deny("killswitch", "the killswitch file " + file
                + " exists: running children are ended"), true);
    }

    /** The JVM is exiting: its children are ended unless the policy keeps them. */
    void jvmExit() {
        if (keepOnExit) {
            return;
        }
        exiting = true;
        endExit();
    }

    private void endExit() {
        endAll("end-exit", Decision.deny("process.on_exit", "the JVM is exiting and process.on_exit is kill"),
                false);
    }

    private void endAll(String op, Decision why, boolean bothModes) {
        List<Child> ending = new ArrayList<>();
        synchronized (lock) {
            pruneEnded();
            for (Child child : running) {
                if (act(op, child, why, bothModes)) {
                    ending.add(child);
                }
            }
        }
        for (Child child : ending) {
            signal(child.process, false);
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MILLIS);
        for (Child child : ending) {
            try {
                long left = until - System.nanoTime();
                if (left <= 0 || !child.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    signal(child.process, true);
                }
            } catch (InterruptedException e) {
                signal(child.process, true);
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records the ending; a record that cannot be written does not save the child (fail closed). */
    private boolean act(String op, Child child, Decision why, boolean bothModes) {
        try {
            return verdicts.childAction(op, child.command, why, bothModes, details(child));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** SIGTERM ({@code force} false) or SIGKILL to the child and to what is still below it. */
    private static void signal(Process process, boolean force) {
        Iterator<ProcessHandle> below = process.descendants().iterator();
        List<ProcessHandle> descendants = new ArrayList<>();
        while (below.hasNext()) {
            descendants.add(below.next());
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        for (ProcessHandle h : descendants) {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }

    private static Map<String, Object> details(Child child) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pid", child.process.pid());
        if (child.timeoutMillis > 0) {
            details.put("timeout_ms", child.timeoutMillis);
        }
        return details;
    }
}
