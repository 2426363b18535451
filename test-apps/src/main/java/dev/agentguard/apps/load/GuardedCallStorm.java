package dev.agentguard.apps.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many threads making guarded calls at once: each of THREADS threads reads a granted and a hidden
 * environment variable, alternating, CALLS times. Used to prove the audit log keeps every record, in
 * seq order without gaps, and that nothing deadlocks. Bounded: it stops after THREADS x CALLS calls.
 */
public final class GuardedCallStorm {
    private GuardedCallStorm() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        String granted = args[2];
        String hidden = args[3];
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong seenGranted = new AtomicLong();
        AtomicLong seenHidden = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < calls; i++) {
                    String name = (i & 1) == 0 ? granted : hidden;
                    if (System.getenv(name) != null) {
                        (name.equals(granted) ? seenGranted : seenHidden).incrementAndGet();
                    }
                }
            }, "storm-" + t);
            workers[t].start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - began;
        System.out.println("STORM calls=" + (long) threads * calls + " granted-seen=" + seenGranted.get()
                + " hidden-seen=" + seenHidden.get() + " ms=" + elapsed / 1_000_000);
    }
}
