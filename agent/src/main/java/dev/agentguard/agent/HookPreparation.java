package dev.agentguard.agent;

import dev.agentguard.agent.hooks.HookTable;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Prepares the hooks ({@link HookInstaller#verify}, reading their advice, then warming the weaver up) on a
 * second thread while the main thread loads the policy: on a cold JVM each takes a few hundred milliseconds,
 * and they need nothing from each other. The warm-up stops once the main thread waits here. The thread ends
 * before any hook goes in, so the guard never checks or records its work.
 */
final class HookPreparation implements Runnable {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile HookInstaller.Prepared prepared;
    private volatile List<String> problems;
    /** Set when the main thread waits for this one: the optional warm-up then stops after its current class. */
    private volatile boolean awaited;
    /** Read on a thread of its own, started with this one (see {@link AttachFlags}). */
    private AttachFlags attachFlags;

    private HookPreparation() {}

    AttachFlags attachFlags() {
        return attachFlags.await();
    }

    static HookPreparation start() {
        HookPreparation preparation = new HookPreparation();
        preparation.attachFlags = AttachFlags.start();
        Thread thread = new Thread(preparation, "agentguard-hook-preparation");
        thread.setDaemon(true);
        thread.start();
        return preparation;
    }

    @Override
    public void run() {
        try {
            prepared = HookInstaller.verify(HookTable.rowsFor(Runtime.version().feature())).prepare(() -> awaited);
        } catch (HookInstallException e) {
            problems = e.problems();
        } catch (RuntimeException | Error e) {
            problems = List.of("cannot prepare the hooks: " + e);
        } finally {
            done.countDown();
        }
    }

    /** The prepared hooks, once the thread is done; any problem it had is thrown here. */
    HookInstaller.Prepared await() throws HookInstallException {
        awaited = true;
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookInstallException(List.of("interrupted while the hooks were prepared"));
        }
        if (problems != null) {
            throw new HookInstallException(problems);
        }
        return prepared;
    }
}
