package dev.agentguard.benchmarks;

import dev.agentguard.policy.file.PathForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filesystem part of a file check: {@link PathForms#realForm} of a file that exists (one
 * {@code realpath} system call) and of one that does not yet (a {@code lstat} per existing component).
 * Kept apart from {@link PolicyEngineBenchmark} so the matching cost is not hidden behind the syscall,
 * nor the syscall behind the matching.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RealPathBenchmark {
    private Path root;
    private String workdir;
    private String existing;
    private String missing;

    @Setup(Level.Trial)
    public void createFiles() throws IOException {
        root = Files.createTempDirectory("agentguard-bench-").toRealPath();
        Path source = root.resolve("work/src/main/java/dev/example/agent/Planner.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Planner {}\n");
        workdir = root.resolve("work").toString();
        existing = "src/main/java/dev/example/agent/Planner.java";
        missing = "out/reports/new-report.md";
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public String realFormExisting() {
        return PathForms.realForm(existing, workdir);
    }

    @Benchmark
    public String realFormNotYetExisting() {
        return PathForms.realForm(missing, workdir);
    }
}
