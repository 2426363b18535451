package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * attack4: the guard's per-thread look holder (perf25, {@code ObjectId.lookHere}) is filled again by every
 * yes/no, type or size query on the thread, denied ones included (the look comes before the decision), so it must
 * never reach the application. A {@code readAttributes} with a null attribute type (which the JDK refuses with
 * NullPointerException) took the guard's "answer read at once" way and, for a remembered granted object, handed
 * the holder back as the answer: the application kept it, asked about a denied file, and read that file's size
 * from the kept object. Checked on JDK 17 and 25 (where {@code readAttributesIfExists} is tried too).
 */
class HeldLookTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theHolderIsNeverTheAnswer(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path ten = Files.writeString(work.resolve("ten.txt"), "0123456789");
        Path secrets = world.secrets();
        Path denied = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET-SIZE-17");
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.HeldLookAttack", ten.toString(), denied.toString(), "3000");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the guard's holder reached the application\n%s", r)
                .contains("kept: 0").contains("leaked: 0").doesNotContain("leak:");
        assertThat(r.stdout()).contains("rounds: ");
    }
}
