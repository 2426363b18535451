package dev.agentguard.apps.attacks;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

/**
 * Reaches other processes of the same user through {@code ProcessHandle}: reads the command line of a
 * victim process the parent test started (its canary token stands for a token on a command line), scans
 * every process for it, and signals the victim (destroy, destroyForcibly, found by pid and by walking
 * {@code allProcesses()}). Each signal is judged by the victim still being alive; the parent checks that
 * again from outside. Controls: the same calls on a child of this JVM's own.
 */
public final class ProcessHandleAttack implements Attack {
    /** Granted by the policy of the test that runs this attack: a child of our own for the controls. */
    static final String[] OWN_CHILD = {"sleep", "5"};

    public static void main(String[] args) {
        AttackSuite.runOne("ProcessHandleAttack", new ProcessHandleAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        long pid = t.victimPid();
        report.grab("ph-info-commandline", () -> victim(pid).info().commandLine().orElse(null));
        report.grab("ph-info-arguments", () -> victim(pid).info().arguments().map(Arrays::toString).orElse(null));
        report.grab("ph-info-allprocesses", () -> {
            StringBuilder seen = new StringBuilder();
            Iterator<ProcessHandle> all = ProcessHandle.allProcesses().iterator();
            while (all.hasNext()) {
                ProcessHandle h = all.next();
                if (!isSelf(h)) {
                    h.info().commandLine().ifPresent(c -> seen.append(c).append('\n'));
                }
            }
            return seen.toString();
        });
        report.grab("ph-info-parent-children", () -> {
            // The test JVM started both this JVM and the victim: the victim is our sibling.
            StringBuilder seen = new StringBuilder();
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            if (parent.isPresent()) {
                Iterator<ProcessHandle> siblings = parent.get().children().iterator();
                while (siblings.hasNext()) {
                    ProcessHandle h = siblings.next();
                    if (!isSelf(h)) {
                        h.info().arguments().ifPresent(a -> seen.append(Arrays.toString(a)));
                    }
                }
            }
            return seen.toString();
        });
        report.attempt("ph-destroy", () -> victim(pid).destroy(), () -> dead(pid));
        report.attempt("ph-destroy-forcibly", () -> victim(pid).destroyForcibly(), () -> dead(pid));
        report.attempt("ph-destroy-from-allprocesses", () -> {
            Iterator<ProcessHandle> all = ProcessHandle.allProcesses().iterator();
            while (all.hasNext()) {
                ProcessHandle h = all.next();
                if (h.pid() == pid) {
                    h.destroyForcibly();
                }
            }
        }, () -> dead(pid));
        control(report);
    }

    /** Our own child may be read and signalled: the guard does not simply break ProcessHandle. */
    private static void control(AttackReport report) {
        try {
            Process child = new ProcessBuilder(OWN_CHILD).start();
            String line = child.info().commandLine().orElse("");
            boolean sent = child.toHandle().destroyForcibly();
            boolean ended = child.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            report.control("ph-own-child", line.contains("sleep") && sent && ended,
                    "command line '" + line + "', signalled " + sent + ", ended " + ended);
        } catch (Exception e) {
            report.control("ph-own-child", false, AttackReport.oneLine(e.toString()));
        }
    }

    /** This JVM's own command line carries the canary (as a -D option): reading it is not an attack. */
    private static boolean isSelf(ProcessHandle h) {
        return h.equals(ProcessHandle.current());
    }

    private static ProcessHandle victim(long pid) {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the victim is not running"));
    }

    /** Null while the victim lives (checked after a short wait, so a signal has time to land). */
    private static String dead(long pid) throws InterruptedException {
        Thread.sleep(300);
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : "the victim process ended";
    }
}
