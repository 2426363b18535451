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
}
