package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, remembered missing names: a name remembered missing is answered "absent" from one {@code stat} of its
 * folder, with no look at the name. Something that appears at the name must be seen at once
 * ({@code KnownMissingAttack}): a file made in the folder, the target of a link that dangled (the link's folder is
 * unchanged: only a folder seen to have no entry of that name at all is remembered), a folder reached through a
 * link that is pointed elsewhere; by NIO and java.io. And the bridge's looks ({@code ObjectId.look},
 * {@code ofFolder}, {@code ofFolderWithout}), public classes on the boot class path, refuse the application's own
 * calls: they answer only inside a check.
 */
class KnownMissingTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aNameThatAppearsIsSeen(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        dev.agentguard.apps.attacks.KnownMissingAttack.setUp(work);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + work + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.KnownMissingAttack", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = result.stdout();
        assertThat(out).as(result.toString()).contains("DONE").doesNotContain("before present")
                .doesNotContain(" absent ").doesNotContain(" -1");
        for (String c : new String[] {"create", "dangling", "swap"}) {
            assertThat(out).as(result.toString()).contains("CASE " + c + " nio exists 11")
                    .contains("CASE " + c + " io exists 11");
        }
        assertThat(out).as(result.toString()).contains("CASE io io exists 11");
        // The bridge's unchecked looks, called by the application itself, tell nothing.
        assertThat(out).as(result.toString()).contains("REACH look refused").contains("REACH folder false false");
    }
}
