package dev.agentguard.agent;

import dev.agentguard.agent.hooks.HookTable;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The hooks' thread: prepares them ({@link HookInstaller#verify}, reading their advice), then runs the install
 * step the main thread hands over ({@link #then}) while the main thread loads the policy: on a cold JVM each
 * takes a hundred milliseconds or more, and neither needs the other (docs/design/startup.md, "Overlap").
 * The main thread waits for this thread
 * ({@link #await}) before the guard is installed; the step itself runs as the guard's own thread.
 *
 * <p>Loaded before the bridge's origin is checked: it names no bridge type; the step, which does, is
 * {@code GuardStartup}'s.
 */
final class HookPreparation implements Runnable {
    /** What runs on this thread once the hooks are prepared: their install. */
    interface Step {
        void run(HookInstaller.Prepared prepared) throws HookInstallException;
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch stepGiven = new CountDownLatch(1);
    private volatile Step step;
    private volatile HookInstaller.Prepared prepared;
    private volatile List<String> problems;
    /** Read on a thread of its own, started with this one (see {@link AttachFlags}). */
    private AttachFlags attachFlags;
    private volatile double preparedMillis;
    private volatile double preparedCpuMillis = -1;
    private volatile double verifiedCpuMillis = -1;

    private final java.lang.instrument.Instrumentation instrumentation;

    private HookPreparation(java.lang.instrument.Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    AttachFlags attachFlags() {
        return attachFlags.await();
    }

    static HookPreparation start(java.lang.instrument.Instrumentation instrumentation) {
        HookPreparation preparation = new HookPreparation(instrumentation);
        preparation.attachFlags = AttachFlags.start();
        Thread thread = new Thread(preparation, "agentguard-hook-preparation");
        thread.setDaemon(true);
        thread.start();
        return preparation;
    }

    /** Hands over the install step; called once, by the main thread. */
    void then(Step install) {
        step = install;
        stepGiven.countDown();
    }

    @Override
    public void run() {
        String doing = "cannot prepare the hooks: ";
        try {
            long start = System.nanoTime();
            HookInstaller.Verified verified = HookInstaller.verify(HookTable.rowsFor(Runtime.version().feature()),
                    instrumentation);
            verifiedCpuMillis = StartupTimer.cpuMillis();
            prepared = verified.prepare();
            preparedMillis = (System.nanoTime() - start) / 1e6;
            preparedCpuMillis = StartupTimer.cpuMillis();
            stepGiven.await();
            // The attach flags' thread is not the guard's: it ends before any hook goes in (see GuardStartup).
            attachFlags.await();
            doing = "cannot install the hooks: ";
            step.run(prepared);
        } catch (HookInstallException e) {
            problems = e.problems();
        } catch (InterruptedException e) {
            problems = List.of("interrupted while the hooks were prepared");
        } catch (RuntimeException | Error e) {
            problems = List.of(doing + e);
        } finally {
            done.countDown();
        }
    }

    /** Time this thread took to prepare the hooks (weaving those of classes not loaded yet), for {@code -Dagentguard.timing=true}. */
    double preparedMillis() {
        return preparedMillis;
    }

    /** This thread's CPU time once the rows were verified, ms (-1: not known). */
    double verifiedCpuMillis() {
        return verifiedCpuMillis;
    }

    /** This thread's CPU time once the hooks were prepared, ms (-1: not known). */
    double preparedCpuMillis() {
        return preparedCpuMillis;
    }

    /** The installed hooks, once the thread is done; any problem it had is thrown here. */
    HookInstaller.Prepared await() throws HookInstallException {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookInstallException(List.of("interrupted while the hooks were installed"));
        }
        if (problems != null) {
            throw new HookInstallException(problems);
        }
        return prepared;
    }
}
