package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.attacks.RandomPathAttack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's decisions against what the kernel opened, on random paths ({@link RandomPathAttack}), in a child
 * JVM under the guard, on JDK 17 and 25, in a UTF-8 locale and under LANG=C. Every file holds a line naming
 * it, ALLOWED inside the grant and SECRET outside: any SECRET line read fails the test, with the seed to
 * replay it ({@code -Dagentguard.seed=...}). Bounded: {@value #PATHS} paths per run.
 */
class RandomPathTest {
    private static final int PATHS = 4000;

    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @AfterEach
    void removeTree() throws Exception {
        new ProcessBuilder("rm", "-rf", "work", "outside").directory(tmp.toFile()).inheritIO().start().waitFor();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noRandomPathReadsADeniedObject(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = world(root);
        Path policy = Files.writeString(root.resolve("policy.yaml"), String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  deny: [\"${workdir}/up/**\"]",
                ""));
        long seed = Long.getLong("agentguard.seed", System.nanoTime());
        for (String locale : new String[] {"C.UTF-8", "C"}) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).env("LANG", locale)
                    .env("LC_ALL", locale).timeout(300)
                    .run(RandomPathAttack.class.getName(), root.toString(), Long.toString(seed), Integer.toString(PATHS));
            String replay = "seed " + seed + " (replay with -Dagentguard.seed=" + seed + "), locale " + locale;
            assertThat(r.exitCode()).as(replay + "\n" + r).isZero();
            List<String> reads = r.lines().stream().filter(l -> l.startsWith("READ ")).toList();
            assertThat(reads).as(replay).allMatch(l -> l.contains(" ALLOWED "), "an object inside the grant")
                    .noneMatch(l -> l.contains("SECRET"));
            // The mix must exercise both sides: granted files are read, and the guard denies some.
            String summary = r.lines().stream().filter(l -> l.startsWith("SUMMARY")).findFirst().orElseThrow();
            assertThat(reads).as(replay + " " + summary).isNotEmpty();
            assertThat(summary).as(replay).doesNotContain(" denied=0 ");
        }
    }

    /**
     * work/ is granted, outside/ is not, and links cross between them both ways. Each file's content is
     * "ALLOWED <name>" or "SECRET <name>".
     */
    private static Path world(Path root) throws IOException, InterruptedException {
        Path work = Files.createDirectories(root.resolve("work"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        String longName = "n".repeat(250);
        for (String dir : new String[] {"a", "d\u00e9", longName}) {
            Files.createDirectories(work.resolve(dir));
            Files.writeString(work.resolve(dir).resolve("file.txt"), "x ALLOWED work/" + dir + "/file.txt\n");
            Files.createDirectories(outside.resolve(dir));
            Files.writeString(outside.resolve(dir).resolve("file.txt"), "SECRET outside/" + dir + "/file.txt\n");
        }
        Files.writeString(work.resolve("file.txt"), "x ALLOWED work/file.txt\n");
        Files.writeString(outside.resolve("file.txt"), "SECRET outside/file.txt\n");
        Files.writeString(outside.resolve("secret.txt"), "SECRET outside/secret.txt\n");
        Files.writeString(root.resolve("file.txt"), "SECRET root/file.txt\n");
        Files.writeString(root.resolve("secret.txt"), "SECRET root/secret.txt\n");
        link(work.resolve("in-rel"), Path.of("a"));
        link(work.resolve("in-abs"), work.resolve("a"));
        link(work.resolve("out-rel"), Path.of("../outside"));
        link(work.resolve("out-abs"), outside);
        link(work.resolve("K?"), outside.resolve("secret.txt"));
        link(work.resolve("up"), Path.of(".."));
        link(work.resolve("chain"), Path.of("out-rel"));
        link(work.resolve("secret.txt"), Path.of("../outside/secret.txt"));
        link(work.resolve("a/x"), Path.of("../../outside"));
        link(work.resolve("a/up"), Path.of("../.."));
        link(work.resolve(longName).resolve("x"), Path.of("../../outside/a"));
        link(outside.resolve("x"), work.resolve("a"));
        link(outside.resolve("in-rel"), Path.of("../work/a"));
        // A name whose bytes are not valid UTF-8, a link to the secret.
        Process p = new ProcessBuilder("sh", "-c", "ln -s ../outside/secret.txt \"$(printf 'L\\377')\"")
                .directory(work.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return work;
    }

    private static void link(Path at, Path target) throws IOException {
        Files.createSymbolicLink(at, target);
    }
}
