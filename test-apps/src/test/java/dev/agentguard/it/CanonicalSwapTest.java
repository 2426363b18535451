package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code File.getCanonicalPath} on a subclass whose {@code getPath} answers the guard with an allowed file and the
 * JDK with a link in a denied folder ({@code CanonicalSwapAttack}). Checked from outside: the denied link's target
 * never printed.
 */
class CanonicalSwapTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theCanonicalPathIsOfTheCheckedText(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path secrets = world.secrets();
        Files.writeString(secrets.resolve("TOPSECRET-name-3b8"), "x");
        Path link = Files.createSymbolicLink(secrets.resolve("link"), Path.of("TOPSECRET-name-3b8"));
        Path allowed = Files.writeString(work.resolve("ok.txt"), "ok");
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.CanonicalSwapAttack", allowed.toString(), link.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the denied link was read through the JDK's second getPath\n%s", r)
                .contains("canonical: ").doesNotContain("TOPSECRET-name-3b8");
    }
}
