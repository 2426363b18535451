package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.probe.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hooks go in with the guard's own weaver (docs/design/startup.md, "Weaving"): a guarded JVM's start
 * loads no Byte Buddy class (shaded as {@code dev.agentguard.internal.bytebuddy}), only the weaver and its
 * ASM copy, and still reads the hooked file through the woven {@code FileInputStream}; and it reads the VM's
 * flags without {@code ManagementFactory} (docs/design/startup.md, "Third round, CPU").
 */
class NoByteBuddyAtStartTest {
    @TempDir
    Path temp;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aGuardedStartLoadsNoByteBuddyClass(int jdk) throws Exception {
        Path work = Files.createDirectories(temp.toRealPath().resolve("work"));
        Files.writeString(work.resolve("hello.txt"), "hello\n");
        Files.writeString(work.resolve("p.yaml"), String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit:",
                "  file: ${workdir}/audit.jsonl",
                "files:",
                "  read: [\"${workdir}/**\"]",
                ""));
        Path classLog = work.resolve("classes.log");
        ChildJvm.Result r = ChildJvm.on(jdk).agent("p.yaml").workdir(work)
                .option("-Xlog:class+load=info:file=" + classLog)
                .run(Probe.class.getName(), work.resolve("hello.txt").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains(Probe.MARKER, "read: hello");
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("the weaver did the work").anyMatch(l -> l.contains(
                "dev.agentguard.agent.install.weave.ClassWeaver "));
        assertThat(loaded).as("Byte Buddy classes loaded at start").noneMatch(l -> l.contains("bytebuddy"));
        // The attach and heap-dump flags are read from the diagnostic bean made directly, not through the
        // platform bean registry (docs/design/startup.md, "Third round, CPU").
        assertThat(loaded).as("the flags' bean").anyMatch(l -> l.contains(
                "com.sun.management.internal.HotSpotDiagnostic "));
        assertThat(loaded).as("ManagementFactory loaded at start").noneMatch(l -> l.contains(
                "java.lang.management.ManagementFactory "));
    }
}
