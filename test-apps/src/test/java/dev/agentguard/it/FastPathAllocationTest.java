package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allowed fast path of the file checks allocates (next to) nothing: an allowed read open, readAllBytes,
 * exists and size, on a relative path, allocate per operation no more than the same JVM without the guard, give
 * or take {@link #SLACK} bytes. Before the given forms of relative texts were remembered, a java.io read open
 * allocated about 530 bytes more under the guard.
 */
class FastPathAllocationTest {
    /**
     * Bytes per operation the guard may add: the JDK's empty {@code LinkOption[]} of {@code Files.exists} and
     * {@code Files.size} (16 bytes each) is no longer scalar-replaced once it is handed to the advice (seen on JDK
     * 17: +16 to +32 for exists and size). A path's text made again per operation would be 100 bytes or more.
     */
    private static final long SLACK = 64;

    @TempDir
    Path dir;

    static java.util.List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void allowedFileOperationsAllocateNoMoreThanWithoutTheGuard(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path deep = Files.createDirectories(work.resolve("data/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10"));
        Files.writeString(deep.resolve("small.txt"), "a small file");
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", ""));
        ChildJvm.Result plain = ChildJvm.on(jdk).workdir(work).run("dev.agentguard.apps.probe.FastPathAllocations");
        ChildJvm.Result guarded = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.probe.FastPathAllocations");
        Map<String, Long> without = allocations(plain);
        Map<String, Long> with = allocations(guarded);
        assertThat(with.keySet()).as(guarded.toString()).isEqualTo(without.keySet()).hasSize(4);
        for (Map.Entry<String, Long> op : without.entrySet()) {
            assertThat(with.get(op.getKey())).as("bytes per %s, without the guard %d\n%s", op.getKey(), op.getValue(),
                    guarded).isLessThanOrEqualTo(op.getValue() + SLACK);
        }
    }

    private static Map<String, Long> allocations(ChildJvm.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, Long> out = new HashMap<>();
        for (String line : r.lines()) {
            if (line.startsWith("ALLOC ")) {
                String[] parts = line.split(" ");
                out.put(parts[1], Long.parseLong(parts[2]));
            }
        }
        return out;
    }
}
