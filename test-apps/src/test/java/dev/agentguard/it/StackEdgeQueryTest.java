package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * attack4: queries at the edge of the thread's stack, so that the guard's check (which looks into the per-thread
 * holder, perf25) runs out of stack at every point in turn: a failed check denies, and nothing it left half done
 * (the holder's attributes or identity, a remembered object) answers a later query. The denied file is never
 * present or sized, the granted one never another size, and a shallow query after each round is exact. Checked
 * on JDK 17 and 25, with a 512 KiB stack.
 */
class StackEdgeQueryTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCheckOutOfStackLeavesNothingThatAnswers(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path pub = Files.createDirectories(work.resolve("pub"));
        Path ten = Files.writeString(pub.resolve("ten.txt"), "0123456789");
        Path secrets = world.secrets();
        Path denied = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET-SIZE-17");
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).option("-Xss512k")
                .run("dev.agentguard.apps.attacks.StackEdgeQueryAttack", ten.toString(), denied.toString(),
                        pub.resolve("none.txt").toString(), "3000");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("a check that ran out of stack left something that answered\n%s", r)
                .contains("errors: 0").doesNotContain("error:");
        assertThat(r.stdout()).contains("exact: ");
    }
}
