package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attack on the lazy hooks (issue 16): a hooked JDK class not loaded at start is first defined with almost no
 * stack left ({@code StackEdgeDefinition}). The JVM's call into the class file transformers then throws a
 * StackOverflowError before the guard's transformer runs; java.lang.instrument swallows it and the class is
 * defined unwoven, for the life of the JVM. Here {@code UnixFileAttributeViews$Posix} loses setMode's hook and a
 * chmod of a file the policy only lets the app read goes through. The effect is checked from outside (the file's
 * mode). The edge was found in about 4 runs of 10 on each JDK before the fix, so each JDK gets several
 * children. Fixed: the install defines every hooked class it has not seen, through the transformer, so no
 * first definition is left to the application.
 */
class StackEdgeDefinitionTest {
    private static final int CHILDREN = 8;

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    @Tag("bypass")
    void aHookedClassFirstDefinedAtTheStacksEdgeKeepsItsHooks(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path readable = Files.writeString(work.resolve("readable.txt"), "mine");
        Path victims = Files.createDirectories(dir.resolve("victims"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\", \"" + victims + "/**\"]", ""));
        for (int child = 0; child < CHILDREN; child++) {
            Path home = Files.createDirectories(dir.resolve("home-" + child));
            Path victim = Files.writeString(victims.resolve("f" + child), "not yours to chmod");
            Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                    .option("-Duser.home=" + home)
                    .run("dev.agentguard.apps.probe.StackEdgeDefinition", "edge", readable.toString(),
                            victim.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)))
                    .as("child %d changed the mode of a file it may only read\n%s", child, r).isEqualTo("rw-------");
            assertThat(r.stdout()).as(r.toString()).doesNotContain("chmod: done").contains("chmod: ");
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theChmodIsDeniedWithoutTheEdge(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path readable = Files.writeString(work.resolve("readable.txt"), "mine");
        Path victim = Files.writeString(dir.resolve("f"), "not yours to chmod");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\", \"" + victim + "\"]", ""));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .option("-Duser.home=" + Files.createDirectories(dir.resolve("home")))
                .run("dev.agentguard.apps.probe.StackEdgeDefinition", "plain", readable.toString(), victim.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).as(r.toString())
                .isEqualTo("rw-------");
        assertThat(r.stdout()).as(r.toString()).contains("chmod: ").contains("GuardDeniedException");
    }
}
