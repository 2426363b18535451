package dev.agentguard.apps.attacks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs the policy does not grant (it grants only {@code echo **}): a shell through
 * {@code Runtime.exec}, and programs that merely carry the granted name (a script called {@code echo}
 * outside, a link called {@code echo} to {@code /bin/sh}, a relative {@code ./echo}, a child PATH that
 * puts the script first, a pipeline whose second stage is a shell, {@code java}). Each would create a
 * marker file under {@code workdir/markers}; the attack succeeded if the marker exists. Also: a granted
 * child whose redirects open files that the policy does not grant, and a pipeline whose command list runs
 * code of its own (reading the SSH key, starting a shell) when the JDK or the guard reads it.
 */
public final class ExecAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("ExecAttack", new ExecAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        Path fakeEcho = t.outside().resolve("bin/echo");   // a script: touch workdir/markers/fake-echo-$1
        Path linkEcho = t.workdir().resolve("planted/echo"); // planted link to /bin/sh
        report.control("exec-granted-echo", runs(List.of("echo", "hello")), "echo hello");

        report.attempt("exec-runtime-string-sh", () -> waitFor(Runtime.getRuntime().exec(
                "sh -c touch${IFS}" + t.execMarker("runtime-string"))), () -> AttackReport.exists(t.execMarker("runtime-string")));
        report.attempt("exec-runtime-array-sh", () -> waitFor(Runtime.getRuntime().exec(
                new String[] {"sh", "-c", "touch " + t.execMarker("runtime-array")})),
                () -> AttackReport.exists(t.execMarker("runtime-array")));
        report.attempt("exec-absolute-bin-sh", () -> waitFor(new ProcessBuilder("/bin/sh", "-c",
                "touch " + t.execMarker("bin-sh")).start()), () -> AttackReport.exists(t.execMarker("bin-sh")));
        report.attempt("exec-granted-name-other-file", () -> waitFor(new ProcessBuilder(fakeEcho.toString(), "absolute")
                .start()), () -> AttackReport.exists(t.execMarker("fake-echo-absolute")));
        report.attempt("exec-relative-dot-echo", () -> waitFor(new ProcessBuilder("./echo", "relative")
                .directory(fakeEcho.getParent().toFile()).start()), () -> AttackReport.exists(t.execMarker("fake-echo-relative")));
        report.attempt("exec-link-named-echo-to-sh", () -> waitFor(new ProcessBuilder(linkEcho.toString(), "-c",
                "touch " + t.execMarker("link-echo")).start()), () -> AttackReport.exists(t.execMarker("link-echo")));
        report.attempt("exec-child-path-puts-fake-echo-first", () -> {
            ProcessBuilder pb = new ProcessBuilder("echo", "child-path");
            pb.environment().put("PATH", fakeEcho.getParent() + File.pathSeparator + System.getenv("PATH"));
            waitFor(pb.start());
        }, () -> AttackReport.exists(t.execMarker("fake-echo-child-path")));
        report.attempt("exec-pipeline-second-stage-sh", () -> {
            List<Process> ps = ProcessBuilder.startPipeline(List.of(new ProcessBuilder("echo", "x"),
                    new ProcessBuilder("sh", "-c", "cat > " + t.execMarker("pipeline"))));
            for (Process p : ps) {
                waitFor(p);
            }
        }, () -> AttackReport.exists(t.execMarker("pipeline")));
        // ProcessBuilder keeps the caller's command list, so its toArray is application code that the JDK,
        // and the guard's pipeline pre-check, call: it must run checked like any other code.
        String[] stolen = new String[1];
        List<String> readsKey = new ArrayList<>(List.of("echo", "x")) {
            @Override
            public <T> T[] toArray(T[] a) {
                try {
                    stolen[0] = Files.readString(t.sshKey());
                } catch (Exception denied) {
                    // denied: the pipeline goes on without the key
                }
                return super.toArray(a);
            }
        };
        report.grab("exec-pipeline-command-list-reads-ssh", () -> {
            try {
                for (Process p : ProcessBuilder.startPipeline(List.of(new ProcessBuilder(readsKey),
                        new ProcessBuilder("echo", "y")))) {
                    waitFor(p);
                }
            } catch (SecurityException denied) {
                // the pipeline itself may be refused; what matters is whether the key was read
            }
            return stolen[0];
        });
        List<String> startsShell = new ArrayList<>(List.of("echo", "x")) {
            @Override
            public <T> T[] toArray(T[] a) {
                try {
                    waitFor(new ProcessBuilder("sh", "-c", "touch " + t.execMarker("pipeline-list-sh")).start());
                } catch (Exception denied) {
                    // denied
                }
                return super.toArray(a);
            }
        };
        report.attempt("exec-pipeline-command-list-starts-sh", () -> {
            for (Process p : ProcessBuilder.startPipeline(List.of(new ProcessBuilder(startsShell),
                    new ProcessBuilder("echo", "y")))) {
                waitFor(p);
            }
        }, () -> AttackReport.exists(t.execMarker("pipeline-list-sh")));
        for (String program : List.of("java", System.getProperty("java.home") + "/bin/java")) {
            // The output goes to the granted workdir, so only the program itself can be what is denied.
            Path out = t.workdir().resolve("java-version-" + Math.abs(program.hashCode()) + ".out");
            report.attempt(program.equals("java") ? "exec-java-child-jvm" : "exec-java-home-bin-java",
                    () -> waitFor(new ProcessBuilder(program, "-version").redirectErrorStream(true)
                            .redirectOutput(out.toFile()).start()),
                    () -> Files.exists(out) && Files.size(out) > 0
                            ? "a child JVM ran without the guard: " + Files.readAllLines(out).get(0) : null);
        }
        report.mustThrow("exec-redirect-output-outside", () -> waitFor(new ProcessBuilder("echo", "pwned")
                .redirectOutput(t.outsideMarker("redirect-out").toFile()).start()),
                "a granted child's stdout was opened outside the grants");
        // echo ignores stdin; the point is whether the JDK may open the key and hand it to a granted child.
        report.mustThrow("exec-redirect-input-from-ssh-key", () -> waitFor(new ProcessBuilder("echo", "x")
                .redirectInput(t.sshKey().toFile()).start()), "the key was opened as a granted child's stdin");
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void waitFor(Process p) throws InterruptedException {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
