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
        Thread thread = new Thread(this, "agentguard-killswitch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        GuardBridge.markGuardThread(guardKey);
        while (true) {
            boolean now = file.exists();
            if (now != tripped) {
                tripped = now;
                listener.changed(now);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
