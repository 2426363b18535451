package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * java.io.File's probes ({@code exists}, {@code isFile}, {@code length}) hand the guard's fast look the File's
 * path string, not a {@code Path}. The foreign-path check ("only the JDK's UnixPath inside the guard") took the
 * string for a foreign path and let the JDK's body run with no check at all: a denied file's existence and
 * size were answered (attack2, JDK 17 and 25). Checked from outside: the denied file is answered as missing.
 */
class FileProbeStringPathTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aDeniedFileIsNotProbedThroughJavaIo(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path secrets = world.secrets();
        Path secret = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET-12345");
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.FileProbeAttack", secret.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("a denied file probed through java.io\n%s", r)
                .contains("exists: false").contains("isFile: false")
                .contains("length: GuardDeniedException")
                .doesNotContain("length: 15");
    }
}
