package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hooked class the JVM loaded before the install must be retransformed at the install whatever another agent
 * did in between. {@link dev.agentguard.apps.attacks.InstallSpoofAgent}, loaded before the guard, waits for the
 * install to define its first hooked class through the guard's transformer, then makes the guard's transformer
 * see a loaded hooked class once more, in an attempt the JVM refuses after the transformers ran: a redefinition
 * that adds a method, or a second definition in the boot loader. The transformer weaves those bytes. The install
 * took that as the class woven and did not retransform it: with {@code java.lang.Runtime} the JVM started and
 * {@code System.load} of a library no rule grants reached the JVM (on JDK 17 and 25, both ways); with
 * {@code java.lang.ProcessEnvironment} (loaded by the guard's verification, HookInstaller.LOADED_BY_THE_START) the
 * self-test caught the unhooked {@code getenv} and the JVM did not start. With the {@code edge} mode the agent first
 * has the JVM define {@code UnixFileAttributeViews$Posix} (not loaded at the registration) with so little stack
 * that the JVM's call into the transformers overflows (StackEdgeDefinitionTest: defined unwoven), then asks for a
 * second definition with bytes: a chmod through a POSIX view then went through. Now only a woven first definition,
 * found by the boot loader itself (not asked for with bytes), of a class not loaded when the transformer was
 * registered spares it the retransformation.
 */
class InstallSpoofTest {
    @TempDir
    Path root;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int jdk : Jdks.required()) {
            for (String how : List.of("redefine", "duplicate")) {
                cases.add(Arguments.of(jdk, how, "java/lang/Runtime"));
                cases.add(Arguments.of(jdk, how, "java/lang/ProcessEnvironment"));
            }
            cases.add(Arguments.of(jdk, "edge", "sun/nio/fs/UnixFileAttributeViews$Posix"));
        }
        return cases;
    }

    @ParameterizedTest(name = "JDK {0}, {1} {2}")
    @MethodSource("cases")
    void aHookedClassLoadedBeforeTheInstallIsRetransformedWhateverAnotherAgentDid(int jdk, String how, String target)
            throws Exception {
        Path work = Files.createDirectories(root.toRealPath().resolve("work"));
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n", "version: 1", "files:", "  read: [\"${workdir}/**\"]", ""));
        Path library = Files.writeString(work.resolve("not-a-library.so"), "not a library\n");
        Path victim = Files.writeString(work.resolve("victim.txt"), "readable, not writable\n");
        Files.setPosixFilePermissions(victim, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path agent = TestJars.write(root.resolve("spoof-agent.jar"),
                Map.of("Premain-Class", "dev.agentguard.apps.attacks.InstallSpoofAgent",
                        "Can-Retransform-Classes", "true", "Can-Redefine-Classes", "true"),
                List.of("dev.agentguard.apps.attacks.InstallSpoofAgent", "dev.agentguard.apps.attacks.InstallSpoofAgent$1"));
        String variable = "AGENTGUARD_SPOOF_SECRET";
        String toolOptions = "-javaagent:" + agent + "=" + how + "," + target;

        // The control: without the guard the agent never fires, the JVM opens the file and the variable is read.
        ChildJvm.Result bare = ChildJvm.on(jdk).workdir(work).classPath(ChildJvm.appClassPath())
                .env("JAVA_TOOL_OPTIONS", toolOptions).env(variable, "canary")
                .run("dev.agentguard.apps.attacks.InstallSpoofApp", library.toString(), variable);
        Files.setPosixFilePermissions(victim, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(bare.lines()).as(bare.toString()).contains("SPOOF not tried", "ENV canary")
                .anyMatch(l -> l.startsWith("LOAD java.lang.UnsatisfiedLinkError"));

        ChildJvm.Result run = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .classPath(ChildJvm.appClassPath())
                .env("JAVA_TOOL_OPTIONS", toolOptions).env(variable, "canary")
                .run("dev.agentguard.apps.attacks.InstallSpoofApp", library.toString(), variable, victim.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).as("the agent tried, and the JVM refused it\n%s", run)
                .anyMatch(l -> l.startsWith("SPOOF refused ") || l.startsWith("SPOOF edge: refused "));
        assertThat(run.lines()).as("Runtime.load0 still has its advice\n%s", run)
                .anyMatch(l -> l.startsWith("LOAD dev.agentguard.bootstrap.GuardDeniedException: agentguard: denied native load"));
        assertThat(run.lines()).as("getenv still has its advice\n%s", run).contains("ENV null");
        assertThat(run.lines()).as("setPermissions still has its advice\n%s", run)
                .anyMatch(l -> l.startsWith("CHMOD dev.agentguard.bootstrap.GuardDeniedException"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)))
                .as(run.toString()).isEqualTo("rw-------");
    }
}
