package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review, hole 2: a name with {@code " (deleted)"} in it is decided as what it is. A
 * {@code SecureDirectoryStream} opened on the granted {@code pub} keeps reading after {@code pub} was renamed
 * {@code "pub (deleted)"} (an allowed write): its entries must be decided by their real names, which the
 * policy does not grant, exactly as a plain read of them is. Before the fix the stream's folder was taken
 * without the suffix: the stream's attribute view answered the secret's size (JDK 17 and 25); its read was
 * already denied by the check on the opened descriptor.
 */
class DeletedNameTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aFolderNamedDeletedIsDecidedByItsRealName(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path pub = Files.createDirectories(work.resolve("pub"));
        String canary = "deleted-name-canary-" + System.nanoTime();
        Files.writeString(pub.resolve("secret"), canary);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + pub + "\", \"" + pub + "/**\"]",
                "  write: [\"" + work + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .run("dev.agentguard.apps.attacks.DeletedNameAttack", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).contains("DIRECT denied").contains("VIA-STREAM denied")
                .contains("ATTRIBUTES-VIA-STREAM denied")
                .doesNotContain(canary);
        assertThat(work.resolve("pub (deleted)").resolve("secret")).as("the rename happened").exists();
    }
}
