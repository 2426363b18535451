package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A denial message says what was denied, under which rule and which key would grant it, but not what
 * else the policy grants (messages travel to HTTP clients and models); the audit record keeps that list.
 * {@code audit.message_grants: true} puts it back into the message, and {@code audit.console: denials}
 * prints one stderr line per distinct denial.
 */
class DenialMessageGrantsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theMessageListsNoGrantsUnlessThePolicyAsks(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "outside the working directory");
        String open = "open:" + notes;

        ChildJvm.Result byDefault = ChildJvm.on(jdk).agent(null).workdir(work)
                .run("dev.agentguard.apps.config.OptionalFileProbe", open, open);
        assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
        String message = "OPEN " + notes + " denied agentguard: denied file open " + notes
                + " (rule default-deny): no files.read rule grants " + notes;
        assertThat(byDefault.lines()).as(byDefault.toString()).contains(message);
        assertThat(byDefault.stdout()).doesNotContain("granted under").doesNotContain("${workdir}/**");
        assertThat(byDefault.stderr()).as("no console line unless asked").doesNotContain("agentguard: denied file");
        assertThat(granted(work)).contains("reads are granted under: ${workdir}/**");

        Files.delete(work.resolve("agentguard-audit.jsonl"));
        Path policy = Files.writeString(dir.resolve("dev-policy.yaml"), String.join("\n",
                "version: 1",
                "audit:",
                "  message_grants: true",
                "  console: denials",
                "files:",
                "  read: [\"${workdir}/**\"]",
                ""));
        ChildJvm.Result withGrants = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.config.OptionalFileProbe", open, open);
        assertThat(withGrants.exitCode()).as(withGrants.toString()).isZero();
        assertThat(withGrants.lines()).as(withGrants.toString())
                .contains(message + "; reads are granted under: ${workdir}/**");
        List<String> console = withGrants.stderr().lines().filter(l -> l.startsWith("agentguard: denied file open")).toList();
        assertThat(console).as("one console line for two identical denials\n" + withGrants)
                .containsExactly("agentguard: denied file open " + notes + " (rule default-deny): no files.read rule grants "
                        + notes + "; reads are granted under: ${workdir}/**");
        assertThat(granted(work)).contains("reads are granted under: ${workdir}/**");
    }

    /** {@code details.granted} of the denied open's records. */
    private static List<String> granted(Path work) throws Exception {
        return AuditLogFile.read(work.resolve("agentguard-audit.jsonl")).where("deny", "file").stream()
                .filter(n -> n.path("op").asText().equals("open"))
                .map(n -> n.path("details").path("granted").asText())
                .toList();
    }
}
