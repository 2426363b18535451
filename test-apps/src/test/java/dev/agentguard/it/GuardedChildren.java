package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * For tests of what a guarded JVM does with its children: starts a probe under the agent as a process the test
 * reads line by line (so it can act while the probe runs), finds the {@code PID} line a probe prints, and
 * checks from outside whether that child still lives.
 */
final class GuardedChildren {
    private GuardedChildren() {}

    /** {@code mainClass ARGS} under the agent with {@code policy}, in {@code workdir}, stderr merged. */
    static Process start(int jdk, Path policy, Path workdir, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jdks.java(jdk).toString(), "-javaagent:" + ChildJvm.GUARD_JAR
                + "=" + policy, "-cp", ChildJvm.APPS.toAbsolutePath().toString(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true).start();
    }

    static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads up to the first {@code PID n} line and returns n. */
    static long pid(BufferedReader out) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PID ")) {
                return Long.parseLong(line.substring(4).trim());
            }
        }
        throw new AssertionError("no PID line");
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }

    /** Waits up to 10 s for the process to be gone. */
    static boolean waitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && alive(pid); i++) {
            Thread.sleep(100);
        }
        return !alive(pid);
    }

    /** Runs a command (unguarded, for the test's own set-up) and requires exit 0. */
    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
