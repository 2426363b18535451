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
 * 16 threads x 10,000 guarded calls under audit.allowed: all. The log must account for every call exactly
 * once (a record per allowed read; the identical hidden reads one record and a count in the summary), seq
 * 1..N without gaps and in line order, and the JVM must
 * finish (a deadlock times the child out and fails the test).
 */
class ConcurrencyTest {
    static final int THREADS = 16;
    static final int CALLS = 10_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void everyCallIsRecordedOnceInSeqOrder(int jdk) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "audit:",
                "  file: " + audit,
                "  allowed: all",
                "env:",
                "  read: [\"AG_GRANTED\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                .env("AG_GRANTED", "yes").env("AG_HIDDEN", "secret-value")
                .timeout(300)
                .run("dev.agentguard.apps.load.GuardedCallStorm", Integer.toString(THREADS), Integer.toString(CALLS),
                        "AG_GRANTED", "AG_HIDDEN");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        long total = (long) THREADS * CALLS;
        assertThat(result.stdout()).contains("granted-seen=" + total / 2).contains("hidden-seen=0");

        List<String> lines = Files.readAllLines(audit);
        AuditLogFile log = AuditLogFile.read(audit);
        long seq = 0;
        long allowedReads = 0;
        long deniedReads = 0;
        for (String line : lines) {
            JsonNode r = AuditLogFile.parse(line);
            seq++;
            assertThat(r.path("seq").asLong()).as("seq of line " + seq).isEqualTo(seq);
            if (r.path("category").asText().equals("env") && r.path("op").asText().equals("read")) {
                if (r.path("target").asText().equals("AG_GRANTED") && r.path("decision").asText().equals("allow")) {
                    allowedReads++;
                } else if (r.path("target").asText().equals("AG_HIDDEN") && r.path("decision").asText().equals("deny")) {
                    // Identical denials share one record; the summary counts the copies (details.repeated).
                    deniedReads += log.copies(r);
                }
            }
            assertThat(line).doesNotContain("secret-value");
        }
        assertThat(allowedReads).isEqualTo(total / 2);
        assertThat(deniedReads).isEqualTo(total / 2);
        JsonNode last = AuditLogFile.parse(lines.get(lines.size() - 1));
        assertThat(last.path("op").asText()).isEqualTo("summary");
        assertThat(last.path("details").path("counts").path("env").path("deny").asLong()).isEqualTo(total / 2);
    }
}
