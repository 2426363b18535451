package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditLog;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the audit log's write path once ({@link AuditLog#preloadWritePath}) on a thread of its own while the
 * main thread loads the policy: it loads and runs about a hundred classes (the JSON line, the redaction
 * patterns, the caller's stack walk, big numbers), which cost 30-100 ms on the main thread, and needs
 * neither the policy nor the log's file. The hooks' install step waits for it before the first hook goes
 * in (this thread is not the guard's own: a hooked call of its would wait for the guard), and the main thread
 * before it opens the log, where a failure stops the JVM naming the log, as the preload inside
 * {@code AuditLog.open} did.
 *
 * <p>The audit package names no bridge type, so this may run before the bridge's origin is checked.
 */
final class AuditPreload implements Runnable {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    private AuditPreload() {}

    static AuditPreload start() {
        AuditPreload preload = new AuditPreload();
        Thread thread = new Thread(preload, "agentguard-audit-preload");
        thread.setDaemon(true);
        thread.start();
        return preload;
    }

    @Override
    public void run() {
        try {
            AuditLog.preloadWritePath();
        } catch (Throwable e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }

    /** Waits for the preload; returns what went wrong, or null. */
    String await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while the audit log's write path was preloaded";
        }
        Throwable e = failure;
        return e == null ? null : e.toString();
    }
}
