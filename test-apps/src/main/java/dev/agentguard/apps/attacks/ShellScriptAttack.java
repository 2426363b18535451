package dev.agentguard.apps.attacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets around {@code process.shell: decompose} (the policy grants only {@code echo **}, so a script of
 * echo commands is decomposed and runs): a script that also runs {@code touch}, in every shape the guard
 * must see through (a second command, a newline, a command substitution, quoting that joins words, a
 * nested shell, a link called {@code echo} to {@code /bin/sh}), a redirection outside the grants, a bash
 * function exported in the child's environment that replaces {@code echo}, and the same function put into
 * the builder's environment by another thread while the start is being checked. Each would create a
 * marker; the attack succeeded if it exists.
 */
public final class ShellScriptAttack implements Attack {
    /** Starts per race attempt: bounded, enough for the other thread to hit the window many times. */
    static final int RACE_STARTS = 60;

    public static void main(String[] args) {
        AttackSuite.runOne("ShellScriptAttack", new ShellScriptAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        report.control("shell-granted-echo-script", "hi\nthere\n".equals(output("sh", "echo hi && echo there")),
                "sh -c 'echo hi && echo there' decomposed and ran");
        // {name, script}: %s stands for the attempt's marker, which only touch (not granted) would create.
        String[][] scripts = {
            {"shell-second-command", "echo hi; touch %s"},
            {"shell-newline", "echo hi\ntouch %s"},
            {"shell-command-substitution", "echo \"$(touch %s)\""},
            {"shell-backquotes", "echo `touch %s`"},
            {"shell-quotes-join-words", "echo hi; to'uc'h %s"},
            {"shell-ifs-splits-a-variable", "IFS=_; c=touch_%s; $c"},
            {"shell-nested-sh", "echo hi && sh -c 'touch %s'"},
            {"shell-eval", "eval 'touch %s'"},
            {"shell-exec", "exec touch %s"},
            {"shell-continuation-joins-a-command", "echo hi; tou\\\nch %s"},
        };
        for (String[] s : scripts) {
            Path marker = t.execMarker(s[0]);
            report.attempt(s[0], () -> waitFor(new ProcessBuilder("sh", "-c", String.format(s[1], marker)).start()),
                    () -> AttackReport.exists(marker));
        }
        report.attempt("shell-link-named-echo-to-sh", () -> waitFor(new ProcessBuilder(
                t.workdir().resolve("planted/echo").toString(), "-c", "echo hi; touch "
                + t.execMarker("shell-link")).start()), () -> AttackReport.exists(t.execMarker("shell-link")));
        report.mustThrow("shell-redirect-outside", () -> waitFor(new ProcessBuilder("sh", "-c", "echo pwned > "
                + t.outsideMarker("shell-redirect")).start()), "a script's redirection opened a file outside the grants");
        String function = "() { touch " + t.execMarker("shell-function") + "; }";
        report.attempt("shell-exported-function-replaces-echo", () -> {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "echo hi");
            pb.environment().put("BASH_FUNC_echo%%", function);
            waitFor(pb.start());
        }, () -> AttackReport.exists(t.execMarker("shell-function")));
        String raced = "() { touch " + t.execMarker("shell-race") + "; }";
        report.attempt("shell-environment-changed-during-the-check", () -> race(raced),
                () -> AttackReport.exists(t.execMarker("shell-race")));
    }

    /** Starts bash -c 'echo hi' while another thread puts the function into the same builder's map and takes it out. */
    private static void race(String function) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "echo hi");
        java.util.Map<String, String> env = pb.environment();
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            // Flips every ~40 µs: a start checked while the function is out and started a moment later,
            // after it is back in, would run it (unless the start uses a copy of what was checked).
            long period = 40_000;
            while (!stop.get()) {
                try {
                    env.remove("BASH_FUNC_echo%%");
                    spin(period);
                    env.put("BASH_FUNC_echo%%", function);
                    spin(period);
                } catch (RuntimeException concurrent) {
                    // the map is not thread-safe; keep flipping
                }
            }
        });
        flipper.start();
        try {
            for (int i = 0; i < RACE_STARTS; i++) {
                try {
                    waitFor(pb.start());
                } catch (RuntimeException | java.io.IOException refusedOrBroken) {
                    // denied (the function was seen) or the JDK tripped over the changing map
                }
            }
        } finally {
            stop.set(true);
            flipper.join(10_000);
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static String output(String shell, String script) {
        try {
            Process p = new ProcessBuilder(shell, "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void waitFor(Process p) throws InterruptedException {
        ExecAttack.waitFor(p);
    }
}
