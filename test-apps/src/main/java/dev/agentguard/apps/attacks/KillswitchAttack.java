package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Disables the killswitch from inside: finds the {@code agentguard-killswitch} thread with
 * {@code Thread.getAllStackTraces()} and interrupts it (also through its thread group), stops and suspends
 * it (JDK 17; later JDKs refuse these themselves), lowers its priority, renames it, and sets its uncaught
 * exception handler. Then a granted program ({@code touch}, outside this JVM) creates the killswitch file:
 * the attack succeeded if a granted read still works a few polls later. Also makes a denied read on a
 * thread named after a URL with credentials (the parent checks the audit log's {@code thread} field).
 * Run it last: once the killswitch trips every guarded call is denied.
 */
public final class KillswitchAttack implements Attack {
    /** The credential in the thread name that the audit log must not show. */
    static final String THREAD_SECRET = "hunter2";

    public static void main(String[] args) {
        AttackSuite.runOne("KillswitchAttack", new KillswitchAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        Thread watcher = watcher();
        if (watcher == null) {
            report.succeeded("killswitch-thread", "no agentguard-killswitch thread: the policy names no killswitch file");
            return;
        }
        report.mustThrow("killswitch-interrupt", watcher::interrupt, "the watcher was interrupted");
        report.mustThrow("killswitch-group-interrupt", () -> watcher.getThreadGroup().interrupt(),
                "the watcher's thread group was interrupted");
        report.mustThrow("killswitch-stop", () -> invoke(watcher, "stop"), "the watcher was stopped");
        report.mustThrow("killswitch-suspend", () -> invoke(watcher, "suspend"), "the watcher was suspended");
        report.mustThrow("killswitch-priority", () -> watcher.setPriority(Thread.MIN_PRIORITY), "its priority changed");
        report.mustThrow("killswitch-rename", () -> watcher.setName("not-the-killswitch"), "it was renamed");
        report.mustThrow("killswitch-handler", () -> watcher.setUncaughtExceptionHandler((th, e) -> { }),
                "its uncaught exception handler was replaced");
        deniedReadOnSecretThread(t);
        trip(t, report);
    }

    static Thread watcher() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("agentguard-killswitch")) {
                return thread;
            }
        }
        return null;
    }

    private static void invoke(Thread thread, String method) throws Throwable {
        try {
            Thread.class.getMethod(method).invoke(thread);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A denied read (recorded) on a thread whose name carries a URL with a password. */
    private static void deniedReadOnSecretThread(AttackTarget t) throws InterruptedException {
        Thread named = new Thread(() -> {
            try {
                PathEscapeAttack.readIo(t.sshKey().toString());
            } catch (Exception | Error expected) {
                // Denied: only the audit record matters here.
            }
        }, "fetch https://bob:" + THREAD_SECRET + "@api.example/v1");
        named.start();
        named.join(10_000);
    }

    /**
     * A granted program outside this JVM creates the killswitch file; within a few polls a granted read must
     * be refused with rule killswitch. Bounded: 20 tries, 100 ms apart.
     */
    private static void trip(AttackTarget t, AttackReport report) throws Exception {
        Path file = Path.of(System.getProperty("ag.killswitch"));
        Process touch = new ProcessBuilder("touch", file.toString()).start();
        touch.waitFor();
        String last = "never tried";
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            try {
                Files.readString(t.workdir().resolve("granted.txt"));
                last = "a granted read still worked";
            } catch (SecurityException e) {
                if (String.valueOf(e.getMessage()).contains("rule killswitch")) {
                    report.blocked("killswitch-still-trips", "the killswitch tripped after the attacks");
                    return;
                }
                last = AttackReport.oneLine(e.toString());
            }
        }
        report.succeeded("killswitch-still-trips", "2 s after the file appeared: " + last);
    }
}
