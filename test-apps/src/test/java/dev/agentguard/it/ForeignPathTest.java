package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code Path} of the application's own making, handed to hooked JDK code ({@code ForeignPathAttack}). Before
 * the fix, on both JDKs: the guard called its {@code toString} inside a check, with checks off, and the secret was
 * read from there (the provider's look, a Unix socket connect); and a bind's pinned name was made through the
 * path's own file system, which turned it into a socket in a folder the policy does not grant. Now the guard
 * touches no such path inside a check (the provider refuses it), takes a socket path's text once as the
 * application's own call, and makes the pinned name itself. Checked from outside: the secret never printed, no
 * socket in the denied folder; and a connect through such a path to an allowed socket still works.
 */
class ForeignPathTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void applicationPathsRunNothingInsideTheGuard(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.toRealPath().resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path denied = Files.createDirectories(work.resolve("denied"));
        Path secret = Files.writeString(work.resolve("secret.txt"), "TOPSECRET-7d1");
        Path allowed = Files.writeString(work.resolve("ok.txt"), "ok");
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", "  write: [\"${workdir}/out/**\"]", "  deny: [\"**/secret*\"]",
                "network:", "  connect: [\"unix:${workdir}/out/*.sock\"]", "  listen: [\"unix:${workdir}/out/*.sock\"]", ""));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.ForeignPathAttack", secret.toString(), allowed.toString(),
                        out.toString(), denied.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the secret was read inside the guard\n%s", r).doesNotContain("TOPSECRET-7d1")
                .contains("inside: GuardDeniedException")
                .contains("look: ProviderMismatchException").contains("exists: ProviderMismatchException")
                .contains("connect: connected")
                .contains("socket in the denied folder: false");
        try (var files = Files.list(denied)) {
            assertThat(files.toList()).as("nothing was bound in the denied folder\n%s", r).isEmpty();
        }
    }
}
