package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SecureDirectoryStream.move} with a source path of the application's own making whose file system turns
 * the guard's pinned name into a denied file ({@code SecureMoveForeignPathAttack}): the JDK must be handed the
 * pinned name on the default file system. Checked from outside: the denied file stays where it is, and its
 * content never reaches the allowed folder or the output.
 */
class SecureMoveForeignPathTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theCallersFileSystemDoesNotMakeThePinnedName(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.toRealPath().resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path secret = Files.writeString(work.resolve("secret.txt"), "TOPSECRET-9a4");
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", "  write: [\"${workdir}/out/**\"]", "  deny: [\"**/secret*\"]",
                ""));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.SecureMoveForeignPathAttack", secret.toString(), out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the denied file was moved into the allowed folder\n%s", r)
                .doesNotContain("TOPSECRET-9a4");
        assertThat(secret).as("the denied file was moved\n%s", r).exists().hasContent("TOPSECRET-9a4");
    }
}
