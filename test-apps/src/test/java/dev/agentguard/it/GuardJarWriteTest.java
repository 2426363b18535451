package dev.agentguard.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * guard.jar kept in the work directory, which the realistic agent policy lets the application write
 * (GuardJarWriteAttack): the guard runs from that copy, and every change to it (write, times, move, replace)
 * is refused as a protected path, on JDK 17 and 25. The copy is byte-identical afterwards.
 */
class GuardJarWriteTest {
    private static final String SUITE = "dev.agentguard.apps.attacks.AttackSuite";

    @TempDir
    Path tmp;

    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void guardJarInAWritableFolderCannotBeChanged(int jdk) throws Exception {
        AttackFixture fixture = AttackFixture.plant(tmp);
        Path jar = fixture.work.resolve("tools/guard.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(ChildJvm.GUARD_JAR, jar);
        byte[] before = Files.readAllBytes(jar);
        try (AttackListeners listeners = new AttackListeners(fixture.unixSocket)) {
            Path policy = fixture.writePolicy("agent", listeners.granted.port(), false);
            ChildJvm.Result run = fixture.child(jdk, policy, listeners, ProcessHandle.current().pid(), "unused")
                    .agentJar(jar)
                    .option("-Dag.guardjar=" + jar)
                    .run(SUITE, "GuardJarWriteAttack");
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> attacks = new ArrayList<>();
            for (String line : run.lines()) {
                if (line.startsWith("ATTACK ")) {
                    attacks.add(line);
                    soft.assertThat(line).as("JDK " + jdk).contains(" blocked guard:").contains("(guard.jar)");
                }
            }
            soft.assertThat(attacks).as("attack lines\n" + run).hasSize(5);
            soft.assertThat(Files.readAllBytes(jar)).as("guard.jar unchanged").isEqualTo(before);
            System.out.println("---- guard.jar writes on JDK " + jdk + " ----\n" + String.join("\n", attacks));
            soft.assertAll();
        }
    }

    /**
     * guard.jar's folder moved aside and replaced by a link to the application's own folder, whose
     * "guard.jar" does nothing; a granted JVM child is then started with {@code -javaagent} on that path and
     * runs unguarded (GuardJarSwapAttack). Open: guard.jar is protected, its folders are not.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void guardJarsFolderCannotBeSwappedUnderAGuardedChild(int jdk) throws Exception {
        AttackFixture fixture = AttackFixture.plant(tmp);
        Path jar = fixture.work.resolve("tools/guard.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(ChildJvm.GUARD_JAR, jar);
        Path java = Jdks.java(jdk).toRealPath();
        try (AttackListeners listeners = new AttackListeners(fixture.unixSocket)) {
            Path policy = fixture.policy("swap");
            Files.writeString(policy, String.join("\n",
                    "version: 1",
                    "mode: enforce",
                    "audit: {file: " + fixture.auditLog() + "}",
                    "files:",
                    "  read: [\"${workdir}/**\"]",
                    "  write: [\"${workdir}/**\"]",
                    "  deny: [\"${home}/.ssh/**\"]",
                    "env: {read: [PATH, HOME]}",
                    "process:",
                    "  exec:",
                    "    - [\"" + java + "\", \"**\"]",
                    ""));
            ChildJvm.Result run = fixture.child(jdk, policy, listeners, ProcessHandle.current().pid(), "unused")
                    .agentJar(jar)
                    .option("-Dag.guardjar=" + jar)
                    .option("-Dag.java=" + java)
                    .option("-Dag.appcp=" + ChildJvm.APPS)
                    .run(SUITE, "GuardJarSwapAttack");
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> attacks = run.lines().stream().filter(l -> l.startsWith("ATTACK ")).toList();
            soft.assertThat(attacks).as(run.toString()).hasSize(1);
            soft.assertThat(attacks).allSatisfy(l -> soft.assertThat(l).as("JDK " + jdk + "\n" + run).contains(" blocked "));
            System.out.println("---- guard.jar folder swap on JDK " + jdk + " ----\n" + String.join("\n", attacks));
            soft.assertAll();
        }
    }
}
