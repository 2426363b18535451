package dev.agentguard.policy.file;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hot path (matching, allowed decisions) must allocate nothing. Measured with the thread allocation
 * counter of HotSpot: one allocation per call would show as megabytes over the loop, far above the fixed
 * noise of the measurement itself.
 */
class NoAllocationTest {
    private static final int CALLS = 200_000;
    private static final long NOISE = 64 * 1024;

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    @Test
    void matchingAndAllowingAllocateNothing() throws PatternException {
        com.sun.management.ThreadMXBean t = threads();
        assumeTrue(t != null, "thread allocation counter not available");
        PathGlob[] globs = {
                PathGlob.compile("/home/u/proj/**"),
                PathGlob.compile("**/*secret*"),
                PathGlob.compile("/a/**/b/{c,d/e}/*.t?t"),
                PathGlob.compile("/etc/hosts"),
        };
        String[] paths = {"/home/u/proj/src/main/A.java", "/a/x/y/b/d/e/f.txt", "/etc/hosts", "/", "/tmp/x"};
        FileRules rules = new FileRules(
                List.of(PathRule.compile("files.read[0]", "${workdir}/**", "/home/u/proj/**")),
                List.of(),
                List.of(PathRule.compile("files.deny[0]", "**/.env", "**/.env"),
                        PathRule.compile("files.deny[1]", "**/*secret*", "**/*secret*")),
                List.of(PathGlob.compile("/usr/lib/jvm/**")), List.of(),
                List.of(new ProtectedPath(PathGlob.compile("/proc/*/environ"), EnumSet.of(FileAccess.READ), "env")));
        String given = "/home/u/proj/link/lib/modules";
        String real = "/usr/lib/jvm/java-17/lib/modules";

        int sink = loop(globs, paths, rules, given, real); // warm up, let the JIT compile
        long before = t.getCurrentThreadAllocatedBytes();
        sink += loop(globs, paths, rules, given, real);
        long allocated = t.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by %s calls", CALLS).isLessThan(NOISE);
    }

    private static int loop(PathGlob[] globs, String[] paths, FileRules rules, String given, String real) {
        int hits = 0;
        for (int i = 0; i < CALLS; i++) {
            PathGlob g = globs[i % globs.length];
            String p = paths[i % paths.length];
            if (g.matches(p)) {
                hits++;
            }
            if (g.matchesSelfOrAncestor(p)) {
                hits++;
            }
            Decision d = rules.decide(FileAccess.READ, given, real);
            if (d.allowed()) {
                hits++;
            }
            if (rules.decide(FileAccess.READ, p == paths[0] ? p : paths[0], paths[0]).allowed()) {
                hits++;
            }
        }
        return hits;
    }
}
