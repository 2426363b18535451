package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard answers a yes/no, file type or size query (java.io {@code exists}, {@code isFile},
 * {@code isDirectory}, {@code length}; NIO {@code Files.exists}) from attributes it reads into one holder per
 * thread, filled again by the next such query (perf25: no allocation on the allowed path). Queries of different
 * objects in turn, for 3.5 s so that both the full decisions (a file changed less than 2 s ago) and the remembered
 * ones are made, must each answer about the object asked: a granted file's size, a folder's type, a missing name;
 * a denied file with the granted file's size and modification time, asked right after it, answers as missing
 * (and {@code length} throws). Checked on JDK 17 and 25.
 */
class AlternatingQueryTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void everyAnswerIsAboutTheObjectAsked(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path ten = Files.writeString(work.resolve("ten.txt"), "0123456789");
        Path twenty = Files.writeString(work.resolve("twenty.txt"), "01234567890123456789");
        Path folder = Files.createDirectories(work.resolve("folder"));
        Path secrets = world.secrets();
        Path denied = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET!");
        FileTime time = Files.getLastModifiedTime(ten);
        Files.setLastModifiedTime(denied, time);
        Path policy = world.policy();

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.AlternatingQueryAttack", ten.toString(), twenty.toString(),
                        folder.toString(), denied.toString(), work.resolve("missing.txt").toString(), "3500");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("answers about another object than the one asked\n%s", r)
                .contains("errors: 0").doesNotContain("error:");
        assertThat(r.stdout()).contains("iterations: ");
    }
}
