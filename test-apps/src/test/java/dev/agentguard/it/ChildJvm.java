package dev.agentguard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program of test-apps in a child JVM, optionally under guard.jar, and collects what it printed. */
public final class ChildJvm {
    public static final Path GUARD_JAR = Path.of(System.getProperty("agentguard.jar", "../agent/target/guard.jar"))
            .toAbsolutePath().normalize();
    public static final Path APPS = Path.of(System.getProperty("agentguard.apps", "target/classes"))
            .toAbsolutePath().normalize();

    /**
     * test-apps' classes and their runtime libraries (Jackson, LangChain4j...): what the sample agents need.
     * Read from target/runtime-classpath.txt, which the build writes before the tests run (the packaged
     * sample-agent.jar only exists after them).
     */
    public static String appClassPath() {
        Path file = Path.of(System.getProperty("agentguard.runtimeClasspath", "target/runtime-classpath.txt"));
        try {
            String libraries = Files.readString(file, StandardCharsets.UTF_8).trim();
            return APPS + (libraries.isEmpty() ? "" : java.io.File.pathSeparator + libraries);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (written by the build): " + e, e);
        }
    }

    private final int jdk;
    private String agentArgs;
    private boolean withAgent;
    private Path agentJar = GUARD_JAR;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean cleanEnvironment;
    private Path workdir = Path.of(".").toAbsolutePath().normalize();
    private String classPath = APPS.toString();
    private long timeoutSeconds = 120;

    private ChildJvm(int jdk) {
        this.jdk = jdk;
    }

    public static ChildJvm on(int jdk) {
        return new ChildJvm(jdk);
    }

    /** {@code -javaagent:guard.jar[=args]}; null args: the embedded default policy. */
    public ChildJvm agent(String args) {
        this.withAgent = true;
        this.agentArgs = args;
        return this;
    }

    /** Another copy of guard.jar to load as the agent (a renamed one, say); guard.jar itself by default. */
    public ChildJvm agentJar(Path jar) {
        this.agentJar = jar;
        return this;
    }

    public ChildJvm option(String option) {
        jvmOptions.add(option);
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the child with only the variables given by {@link #env}, not this JVM's environment. */
    public ChildJvm cleanEnvironment() {
        this.cleanEnvironment = true;
        return this;
    }

    public ChildJvm workdir(Path dir) {
        this.workdir = dir;
        return this;
    }

    public ChildJvm classPath(String cp) {
        this.classPath = cp;
        return this;
    }

    public ChildJvm timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    public Result run(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Jdks.java(jdk).toString());
        if (withAgent) {
            command.add("-javaagent:" + agentJar + (agentArgs == null ? "" : "=" + agentArgs));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return exec(command);
    }

    /**
     * {@code java [OPTIONS] -jar guard.jar ARGS} on this JDK; the {@link #option} values go before
     * {@code -jar} (for example {@code -Duser.home}, which the CLI expands {@code ~/} with).
     */
    public Result guardCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Jdks.java(jdk).toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(GUARD_JAR.toString());
        command.addAll(List.of(args));
        return exec(command);
    }

    private Result exec(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("agentguard-child-", ".out");
        Path err = Files.createTempFile("agentguard-child-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (cleanEnvironment) {
                pb.environment().clear();
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish in " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), command);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What a child JVM did. */
    public record Result(int exitCode, String stdout, String stderr, List<String> command) {
        public List<String> lines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- command\n" + String.join(" ", command) + "\n--- stdout\n" + stdout
                    + "\n--- stderr\n" + stderr;
        }
    }
}
