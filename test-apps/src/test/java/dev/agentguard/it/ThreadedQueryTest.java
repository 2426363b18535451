package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * attack4: the per-thread look holder (perf25) under many threads at once, virtual ones on JDK 25 (which move
 * between carrier threads as they park), platform ones on 17, while a shell outside the child JVM swaps a
 * symbolic link in the granted folder between a granted 10-byte file and a denied 17-byte one ({@code mv -T},
 * atomic): every answer about the object asked, the link never answered with the denied file's size. Checked on
 * JDK 17 and 25.
 */
class ThreadedQueryTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void everyThreadsAnswersAreAboutTheObjectAsked(int jdk) throws Exception {
        SecretsFolder world = SecretsFolder.in(dir);
        Path work = world.work();
        Path ten = Files.writeString(work.resolve("ten.txt"), "0123456789");
        Path twenty = Files.writeString(work.resolve("twenty.txt"), "01234567890123456789");
        Path folder = Files.createDirectories(work.resolve("folder"));
        Path secrets = world.secrets();
        Path denied = Files.writeString(secrets.resolve("secret.txt"), "TOPSECRET-SIZE-17");
        Path link = Files.createSymbolicLink(work.resolve("link"), ten);
        Path policy = world.policy();

        Path tmp = work.resolve("link.tmp");
        Path stop = dir.resolve("stop");
        Process swapper = new ProcessBuilder("bash", "-c", "end=$((SECONDS+20)); while [ $SECONDS -lt $end ]"
                + " && [ ! -e '" + stop + "' ]; do"
                + " ln -sfn '" + denied + "' '" + tmp + "' && mv -T '" + tmp + "' '" + link + "';"
                + " ln -sfn '" + ten + "' '" + tmp + "' && mv -T '" + tmp + "' '" + link + "'; done")
                .redirectErrorStream(true).start();
        try {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                    .run("dev.agentguard.apps.attacks.ThreadedQueryAttack", ten.toString(), twenty.toString(),
                            folder.toString(), denied.toString(), link.toString(), "3000");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as("answers about another object than the one asked\n%s", r)
                    .contains("errors: 0").doesNotContain("error:");
            assertThat(r.stdout()).contains("queries: ");
            if (jdk >= 21) {
                assertThat(r.stdout()).contains("virtual: true");
            }
        } finally {
            // The swapper ends its loop itself (a killed bash can leave an ln or mv running into the clean-up).
            Files.createFile(stop);
            if (!swapper.waitFor(20, TimeUnit.SECONDS)) {
                swapper.destroyForcibly();
                swapper.waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(tmp);
        }
    }
}
