package dev.agentguard.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's relocated libraries used as the application's reflection helper (BootLibraryAttack): since
 * guard.jar runs in the boot loader, Jackson's public {@code ClassUtil.checkAndFixAccess} is boot-visible and
 * calls {@code setAccessible} as a class of the guard, in the module the guard opened {@code sun.nio.fs} to.
 * One child JVM per JDK under the realistic agent policy: every attempt blocked, the plain reads before and
 * after as well (the guard is still on), and the audit log records the refused reflection.
 */
class BootLibraryAttackTest {
    private static final String SUITE = "dev.agentguard.apps.attacks.AttackSuite";

    @TempDir
    Path tmp;

    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theGuardsLibrariesOpenNothingForTheApplication(int jdk) throws Exception {
        AttackFixture fixture = AttackFixture.plant(tmp);
        String victimCanary = "victim-" + fixture.canary;
        try (AttackListeners listeners = new AttackListeners(fixture.unixSocket)) {
            Path policy = fixture.writePolicy("agent", listeners.granted.port(), false);
            ChildJvm.Result run = fixture.child(jdk, policy, listeners, ProcessHandle.current().pid(), victimCanary)
                    .run(SUITE, "BootLibraryAttack");
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> attacks = new ArrayList<>();
            for (String line : run.lines()) {
                if (line.startsWith("ATTACK ")) {
                    attacks.add(line);
                    soft.assertThat(line).as("JDK " + jdk + "\n" + run).contains(" blocked ");
                }
            }
            soft.assertThat(attacks).as("attack lines\n" + run).hasSize(4);
            for (String line : attacks) {
                if (line.contains("bootlib-jackson-")) {
                    // Jackson wraps the guard's denial of its setAccessible in an IllegalArgumentException.
                    soft.assertThat(line).as("who stopped the library's setAccessible")
                            .contains("agentguard: denied guard reflect");
                }
            }
            soft.assertThat(run.stdout()).as("the canary").doesNotContain(fixture.canary);
            AuditLogFile audit = AuditLogFile.read(fixture.auditLog());
            soft.assertThat(audit.where("deny", "guard")).as("the refused reflection, recorded").isNotEmpty();
            System.out.println("---- boot library attacks on JDK " + jdk + " ----\n" + String.join("\n", attacks));
            soft.assertAll();
        }
    }
}
