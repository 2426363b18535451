package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * attack4: queries made from the application's own code in the middle of another query on the same thread, which
 * the guard answers from one look holder per thread (perf25): a {@code File} subclass whose {@code getPath()},
 * {@code toString()} and {@code getAbsolutePath()} name the other file and query themselves, and
 * {@code listFiles(FileFilter)} / {@code list(FilenameFilter)} callbacks that query a denied and a granted file.
 * Every answer is about the object java.io itself asks about (the path field, as the JDK without the guard
 * answers), the denied file never present or sized. Checked on JDK 17 and 25.
 */
class NestedQueryTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void nestedQueriesAnswerAboutTheirOwnObjects(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path pub = Files.createDirectories(work.resolve("pub"));
        Path ten = Files.writeString(pub.resolve("ten.txt"), "0123456789");
        Path secrets = world.secrets();
        Path denied = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET-SIZE-17");
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.NestedQueryAttack", ten.toString(), denied.toString(),
                        pub.toString(), "3000");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("a nested query answered about another object\n%s", r)
                .contains("errors: 0").doesNotContain("error:");
        assertThat(r.stdout()).contains("rounds: ");
    }
}
