package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every run of the audit log begins with a guard/start record and ends with a guard/summary record, on
 * normal exit, System.exit and SIGTERM; seq has no gaps.
 */
class AuditSummaryTest {
    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            for (String how : List.of("return", "exit", "wait")) {
                out.add(Arguments.of(jdk, how));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("cases")
    void startAndSummaryFrameEveryRun(int jdk, String how) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, "version: 1\naudit:\n  file: " + audit + "\n");
        List<String> command = List.of(Jdks.java(jdk).toString(), "-javaagent:" + ChildJvm.GUARD_JAR + "=" + policy,
                "-cp", ChildJvm.APPS.toString(), "dev.agentguard.apps.lifecycle.ExitModes", how);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("AG_HIDDEN", "x");
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        while (first != null && !first.equals("READY")) {
            first = out.readLine();
        }
        assertThat(first).isEqualTo("READY");
        if (how.equals("wait")) {
            p.destroy(); // SIGTERM
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (how.equals("exit")) {
            assertThat(p.exitValue()).isEqualTo(3);
        }

        List<String> lines = Files.readAllLines(audit);
        JsonNode start = AuditLogFile.parse(lines.get(0));
        assertThat(start.path("category").asText()).isEqualTo("guard");
        assertThat(start.path("op").asText()).isEqualTo("start");
        assertThat(start.path("details").path("policy_sha256").asText()).hasSize(64);
        JsonNode summary = AuditLogFile.parse(lines.get(lines.size() - 1));
        assertThat(summary.path("op").asText()).as(how).isEqualTo("summary");
        assertThat(summary.path("details").path("counts").path("env").path("deny").asLong()).isEqualTo(1);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(AuditLogFile.parse(lines.get(i)).path("seq").asLong()).isEqualTo(i + 1);
        }
    }
}
