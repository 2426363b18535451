package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SecureDirectoryStream.move} with a target stream of the application's own class
 * ({@code SecureMoveTargetAttack}): the guard must run none of its methods inside a check. Checked from outside:
 * the secret never printed, nothing written in the folder the policy does not grant.
 */
class SecureMoveTargetTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anApplicationTargetStreamRunsNothingInsideTheGuard(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.toRealPath().resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path denied = Files.createDirectories(work.resolve("denied"));
        Path secret = Files.writeString(work.resolve("secret.txt"), "TOPSECRET-5e2");
        Path forbidden = denied.resolve("pwned.txt");
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", "  write: [\"${workdir}/out/**\"]", "  deny: [\"**/secret*\"]",
                ""));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.SecureMoveTargetAttack", secret.toString(), out.toString(),
                        forbidden.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the application's stream ran inside the guard\n%s", r)
                .doesNotContain("TOPSECRET-5e2")
                .contains("move: ProviderMismatchException").contains("inside: never called")
                .contains("write outside the grant: false");
        assertThat(forbidden).as("written outside the grant\n%s", r).doesNotExist();
    }
}
