package dev.agentguard.apps.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts one child JVM of the benchmark, waits for it (bounded), and keeps its output and wall-clock time. */
final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 180;

    private ChildJvm() {}

    record Outcome(int exitCode, String stdout, String stderr, long elapsedNanos) {}

    static Outcome run(JvmSetup setup, Path classPath, Path workDir, List<String> extraJvmArgs, String mainClass,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(setup.jdk().java().toString());
        command.addAll(setup.jvmArgs());
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(classPath.toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout-", ".txt");
        Path err = Files.createTempFile(workDir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put(Workloads.VARIABLE, "granted-value");
        long began = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - began;
        if (!finished) {
            process.destroyForcibly().waitFor();
            throw new IOException(setup.key() + ": " + String.join(" ", command) + " did not finish in "
                    + TIMEOUT_SECONDS + " s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        return new Outcome(process.exitValue(), stdout, stderr, elapsed);
    }

    /**
     * Fails if the run failed, or if the guard recorded a denial: then the numbers would not measure the overhead.
     * The one expected denial is {@code env read-all}: at every process start the guard hides the variables
     * env.read does not grant from the child, and records their names; that is part of what exec costs.
     */
    static void requireClean(JvmSetup setup, Outcome outcome, String what) throws IOException {
        if (outcome.exitCode() != 0) {
            throw new IOException(setup.key() + " " + what + ": exit " + outcome.exitCode() + "\n" + outcome.stderr());
        }
        if (setup.auditLog() != null && Files.exists(setup.auditLog())) {
            for (String line : Files.readAllLines(setup.auditLog(), StandardCharsets.UTF_8)) {
                boolean denial = line.contains("\"decision\":\"deny\"") || line.contains("\"decision\":\"would_deny\"");
                boolean hiddenFromChild = line.contains("\"category\":\"env\",\"op\":\"read-all\"");
                if (denial && !hiddenFromChild) {
                    throw new IOException(setup.key() + " " + what + ": the guard denied a call, so the policy does"
                            + " not grant what the workload needs:\n" + line);
                }
            }
            Files.delete(setup.auditLog());
        }
    }
}
