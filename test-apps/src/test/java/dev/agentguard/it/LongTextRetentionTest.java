package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's memories of texts (the given forms of relative texts, the allowed decisions on names as given, the
 * names found missing, the allowed calls already recorded under {@code audit.allowed: first}) keep no text longer than the kernel could ever take: an application that asks about 1,000
 * distinct relative texts of 100,000 characters each (ENAMETOOLONG, never opened) and drops them keeps no more heap
 * under the guard than without it, give or take {@link #SLACK}. Before, the guard kept about 135 MB of them alive
 * (GivenForms, NameDecisions, KnownObjects' missing names, and FirstSeen, which alone kept 200 MB; 240 MB before
 * GivenForms shared the given forms), so
 * longer texts made an OutOfMemoryError that the same JVM without the guard does not have.
 */
class LongTextRetentionTest {
    private static final long SLACK = 8L << 20;

    @TempDir
    Path dir;

    static java.util.List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void longRelativeTextsAreNotKeptAlive(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", ""));
        ChildJvm.Result plain = ChildJvm.on(jdk).option("-Xmx512m").workdir(work)
                .run("dev.agentguard.apps.probe.LongRelativeTexts", "1000", "100000");
        ChildJvm.Result guarded = ChildJvm.on(jdk).option("-Xmx512m").agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.probe.LongRelativeTexts", "1000", "100000");
        long without = heap(plain);
        long with = heap(guarded);
        assertThat(guarded.lines()).as(guarded.toString()).contains("FOUND 0");
        assertThat(with).as("heap kept after the texts were dropped, without the guard %d\n%s", without, guarded)
                .isLessThanOrEqualTo(without + SLACK);
    }

    /**
     * Texts under PATH_MAX, many of them: 40,000 distinct relative texts of 4,000 chars, each allowed and asked
     * about once. {@code audit.allowed: first} remembered each (up to 1,000,000 of them, whatever their length):
     * 167 MB kept here, against 0.15 MB without the guard (70,000 such texts ran out of memory at {@code -Xmx256m}).
     * Now at most {@code FirstSeen.DEFAULT_CHARS} (64M) chars of targets are remembered: about 73 MB kept.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void manyTextsUnderThePathLimitAreKeptWithinABound(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", ""));
        ChildJvm.Result plain = ChildJvm.on(jdk).option("-Xmx192m").workdir(work)
                .run("dev.agentguard.apps.probe.LongRelativeTexts", "40000", "4000", "exists");
        ChildJvm.Result guarded = ChildJvm.on(jdk).option("-Xmx192m").agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.probe.LongRelativeTexts", "40000", "4000", "exists");
        long without = heap(plain);
        long with = heap(guarded);
        assertThat(with).as("heap kept after the texts were dropped, without the guard %d\n%s", without, guarded)
                .isLessThanOrEqualTo(without + (96L << 20));
    }

    private static long heap(ChildJvm.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        for (String line : r.lines()) {
            if (line.startsWith("HEAP ")) {
                return Long.parseLong(line.substring(5));
            }
        }
        throw new AssertionError("no HEAP line\n" + r);
    }
}
