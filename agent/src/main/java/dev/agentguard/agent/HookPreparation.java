package dev.agentguard.agent;

import dev.agentguard.agent.hooks.HookTable;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Prepares the hooks on a second thread while the main thread loads the policy: on a cold JVM each takes a
 * few hundred milliseconds, and they need nothing from each other. First what needs no bridge
 * ({@link HookInstaller#verify}); then, once the main thread has put the bridge on the
 * bootstrap class path ({@link #bridgeReady}), the advice. The thread ends before any hook goes in, so the
 * guard never checks or records its work.
 */
final class HookPreparation implements Runnable {
    private final CountDownLatch bridge = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile HookInstaller.Prepared prepared;
    private volatile List<String> problems;

    private HookPreparation() {}

    static HookPreparation start() {
        HookPreparation preparation = new HookPreparation();
        Thread thread = new Thread(preparation, "agentguard-hook-preparation");
        thread.setDaemon(true);
        thread.start();
        return preparation;
    }

    @Override
    public void run() {
        try {
            HookInstaller.Verified verified = HookInstaller.verify(HookTable.rowsFor(Runtime.version().feature()));
            bridge.await();
            prepared = verified.prepare();
        } catch (HookInstallException e) {
            problems = e.problems();
        } catch (InterruptedException e) {
            problems = List.of("interrupted while the hooks were prepared");
        } catch (RuntimeException | Error e) {
            problems = List.of("cannot prepare the hooks: " + e);
        } finally {
            done.countDown();
        }
    }

    /** Called once the bridge is on the bootstrap class path: the advice may be read from then on. */
    void bridgeReady() {
        bridge.countDown();
    }

    /** The prepared hooks, once the thread is done; any problem it had is thrown here. */
    HookInstaller.Prepared await() throws HookInstallException {
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
