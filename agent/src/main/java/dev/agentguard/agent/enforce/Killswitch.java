package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;

/**
 * Watches the policy's killswitch file (POLICY.md section 2): while it exists every guarded call is
 * denied, in either mode. A daemon thread of the guard's own polls it four times a second, so a trip
 * takes effect well within a second; the hot path reads one volatile boolean.
 */
final class Killswitch implements Runnable {
    static final long POLL_MILLIS = 250;

    private final File file;
    private final Listener listener;
    private volatile boolean tripped;

    interface Listener {
        void changed(boolean tripped);
    }

    Killswitch(String path, Listener listener) {
        this.file = path == null ? null : new File(path);
        this.listener = listener;
        this.tripped = file != null && file.exists();
    }

    boolean tripped() {
        return tripped;
    }

    private Object guardKey;

    void start(Object key) {
        if (file == null) {
            return;
        }
        this.guardKey = key;
        GuardThreads.start(key, this, "agentguard-killswitch");
    }

    /**
     * Polls until the JVM ends. Nothing ends the loop: an interrupt (should one get past the bridge) is
     * ignored, and a failure of one round (the audit record of a change could not be written) is retried at
     * the next, the tripped state having been set first.
     */
    @Override
    public void run() {
        GuardBridge.markGuardThread(guardKey);
        while (true) {
            try {
                poll();
            } catch (Throwable t) {
                // Keep watching: a watcher that stops would leave the killswitch dead without a trace.
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (Throwable e) {
                // Not an instruction to stop (an interrupt, or an error the application forced, such as an
                // OutOfMemoryError from a full heap): only the JVM's exit ends this daemon thread.
            }
        }
    }

    private void poll() {
        boolean now = file.exists();
        if (now != tripped) {
            tripped = now;
            listener.changed(now);
        }
    }
}
