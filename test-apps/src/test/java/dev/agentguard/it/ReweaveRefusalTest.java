package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failed re-weave fails closed (issue 12): a second agent, loaded before the guard, retransforms and
 * redefines the hooked {@code FileInputStream} into bytes the JVM accepts but the guard cannot weave (a
 * method padded to the 64 KiB limit). The guard hands the JVM bytes it refuses, so both are refused with a
 * {@code ClassFormatError}, the class keeps its hooks, and reading a file the policy does not grant is
 * still checked: denied in enforce mode, recorded as a denial in audit mode. Without the guard the same
 * agent's bytes are accepted, so the test would see a hook lost.
 */
class ReweaveRefusalTest {
    @TempDir
    Path root;


    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("dev.agentguard.it.FileMetadataEffectsTest#modes")
    void aRetransformationTheGuardCannotWeaveIsRefused(int jdk, String mode) throws Exception {
        Path work = Files.createDirectories(root.toRealPath().resolve("work"));
        Path secret = Files.createDirectories(root.toRealPath().resolve("outside")).resolve("secret.txt");
        Files.writeString(secret, "secret-canary-" + mode + "\n");
        Path audit = work.resolve("audit.jsonl");
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n", "version: 1", "mode: " + mode, "audit:", "  file: " + audit,
                "  allowed: none", "files:", "  read: [\"${workdir}/**\"]", ""), StandardCharsets.UTF_8);
        Path agent = TestJars.write(root.resolve("oversize-agent.jar"),
                Map.of("Premain-Class", "dev.agentguard.apps.attacks.OversizeAgent",
                        "Can-Retransform-Classes", "true", "Can-Redefine-Classes", "true"),
                List.of("dev.agentguard.apps.attacks.OversizeAgent", "dev.agentguard.apps.attacks.OversizeAgent$1",
                        "dev.agentguard.apps.attacks.OversizeAgent$1$1"));

        // The control: with no guard, the JVM takes the padded class, and the read is unchecked.
        ChildJvm.Result bare = ChildJvm.on(jdk).workdir(work).classPath(ChildJvm.appClassPath())
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + agent)
                .run("dev.agentguard.apps.attacks.OversizeApp", secret.toString());
        assertThat(bare.lines()).as(bare.toString()).contains("RETRANSFORM accepted", "REDEFINE accepted")
                .contains("READ ok secret-canary-" + mode);

        // Under the guard (loaded after that agent): both refused, the hook still checks the read.
        ChildJvm.Result run = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .classPath(ChildJvm.appClassPath())
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + agent)
                .run("dev.agentguard.apps.attacks.OversizeApp", secret.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).as(run.toString())
                .contains("RETRANSFORM refused java.lang.ClassFormatError", "REDEFINE refused java.lang.ClassFormatError");
        assertThat(run.stderr()).as(run.toString())
                .contains("agentguard: denied guard retransform java.io.FileInputStream (rule protected)");
        if (mode.equals("enforce")) {
            assertThat(run.lines()).as(run.toString()).anyMatch(l -> l.startsWith("READ denied agentguard: denied file"));
            assertThat(run.stdout()).doesNotContain("secret-canary");
        } else {
            assertThat(run.lines()).as(run.toString()).contains("READ ok secret-canary-audit");
        }
        AuditLogFile log = AuditLogFile.read(audit);
        List<JsonNode> refusals = log.records().stream()
                .filter(r -> r.path("op").asText().equals("retransform")).toList();
        assertThat(refusals).as(log.records().toString()).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("decision").asText()).isEqualTo("deny");
            assertThat(r.path("category").asText()).isEqualTo("guard");
            assertThat(r.path("target").asText()).isEqualTo("java.io.FileInputStream");
            assertThat(r.path("reason").asText()).contains("too large");
        });
        assertThat(log.records().stream().anyMatch(r -> r.path("category").asText().equals("file")
                && r.path("target").asText().equals(secret.toString())
                && r.path("decision").asText().equals(mode.equals("enforce") ? "deny" : "would_deny")))
                .as("the read is still checked: " + log.records()).isTrue();
    }
}
