package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard remembers the real form of a file it resolved for a read (RealForms: one {@code stat} per read
 * instead of a full resolution). A link swapped in by another process for a remembered file, or for a
 * directory above it, must be seen by the very next read, with no delay allowed: every read after a swap
 * is denied, by java.io and NIO, on JDK 17 and 25, in rounds; and every metadata query after a swap is
 * answered as for a denied file. (A memory kept fresh by inotify events
 * instead of a {@code stat} failed this test on a loaded machine: the event came after the read.)
 */
class LinkSwapTest {
    private static final int ROUNDS = 15;

    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aLinkSwappedInByAnotherProcessIsSeenByTheNextRead(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        String canary = "secret-canary-" + System.nanoTime();
        Path secret = Files.writeString(outside.resolve("secret.txt"), canary);
        for (int i = 0; i < ROUNDS; i++) {
            Files.writeString(work.resolve("file-" + i + ".txt"), "notes " + i);
            Files.writeString(Files.createDirectories(work.resolve("dir-" + i)).resolve("secret.txt"), "notes " + i);
        }
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files: {read: [\"" + work + "/**\"]}",
                "process:",
                "  exec: [[\"ln\", \"**\"], [\"mv\", \"**\"]]",
                "env: {read: [\"PATH\"]}",
                ""));

        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.LinkSwapAttack", work.toString(), secret.toString(),
                        Integer.toString(ROUNDS));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> controls = result.lines().stream().filter(l -> l.startsWith("CONTROL ")).toList();
        List<String> swaps = result.lines().stream().filter(l -> l.startsWith("SWAP ")).toList();
        assertThat(controls).as("reads before the swaps").hasSize(ROUNDS * 8)
                .allMatch(l -> l.contains(" read notes "), "granted and read");
        assertThat(swaps).as("reads after the swaps").hasSize(ROUNDS * 4)
                .allMatch(l -> l.endsWith(" denied"), "denied");
        assertThat(result.stdout()).doesNotContain(canary);

        // The metadata queries the guard answers from its own look: granted before, and after each swap
        // answered as for a denied file (absent, false, or a thrown denial for File.length), never with the
        // secret's attributes: its size is the canary's length, which no granted file has.
        List<String> queriesBefore = result.lines().stream().filter(l -> l.startsWith("QUERY-CONTROL ")).toList();
        List<String> queriesAfter = result.lines().stream().filter(l -> l.startsWith("QUERY-SWAP ")).toList();
        assertThat(queriesBefore).as("queries before the swaps").hasSize(ROUNDS * 2 * 2 * 7)
                .allMatch(l -> l.endsWith(" true") || l.matches(".* size [0-9]+"), "answered");
        assertThat(queriesAfter).as("queries after the swaps").hasSize(ROUNDS * 2 * 7)
                .noneMatch(l -> l.endsWith(" size " + canary.length()));
        // A no-follow look at the swapped-in link itself is a look at the link (in the granted folder): its size
        // is the length of the text it holds. Every other query reaches the secret, and is denied.
        String linkItself = " nio-attributes-nofollow size " + secret.toString().length();
        assertThat(queriesAfter).filteredOn(l -> l.startsWith("QUERY-SWAP file-") && l.contains(" nio-attributes-nofollow "))
                .hasSize(ROUNDS).allMatch(l -> l.endsWith(linkItself), "the link itself");
        assertThat(queriesAfter).filteredOn(l -> !(l.startsWith("QUERY-SWAP file-") && l.contains(" nio-attributes-nofollow ")))
                .allMatch(l -> l.endsWith(" absent") || l.endsWith(" false") || l.endsWith(" denied"), "denied");

        // A missing name whose folder's real form is remembered: "false" before and after the swap, but after it
        // the name is in the secret's folder, so the audit log must show it decided there: denied, each round.
        assertThat(result.lines().stream().filter(l -> l.startsWith("MISSING-")).toList()).hasSize(ROUNDS * 2)
                .allMatch(l -> l.endsWith(" false"));
        List<String> audit = Files.readAllLines(root.resolve("audit.jsonl"));
        for (int i = 0; i < ROUNDS; i++) {
            String target = "\"target\":\"" + work.resolve("dir-" + i + "/new.txt") + "\"";
            assertThat(audit).as("round " + i).filteredOn(l -> l.contains(target) && l.contains("\"decision\":\"deny\""))
                    .hasSize(1).allMatch(l -> l.contains("\"answered\":\"absent\""));
        }
    }
}
