package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical denials are written once and counted; anything that differs, and every budget record, is written. */
class RepeatedDenialsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AuditRecord record(AuditDecision decision, Category category, String target, String caller) {
        return AuditRecord.builder(decision, category, "open", target).rule("default-deny").reason("no rule")
                .caller(caller).details(Map.of("granted", "reads under /w")).build();
    }

    @Test
    void identicalDenialsAreOneRecordAndACount() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            for (int i = 0; i < 5; i++) {
                log.write(record(AuditDecision.DENY, Category.FILE, "/etc/shadow", "A.main(A.java:1)"));
            }
            log.write(record(AuditDecision.DENY, Category.FILE, "/etc/passwd", "A.main(A.java:1)"));
            log.write(record(AuditDecision.DENY, Category.FILE, "/etc/shadow", "B.run(B.java:9)"));
            log.write(record(AuditDecision.WOULD_DENY, Category.FILE, "/etc/shadow", "A.main(A.java:1)"));
            log.write(record(AuditDecision.ALLOW, Category.FILE, "/w/a", "A.main(A.java:1)"));
            log.write(record(AuditDecision.ALLOW, Category.FILE, "/w/a", "A.main(A.java:1)"));
            for (int i = 0; i < 3; i++) {
                log.write(record(AuditDecision.DENY, Category.BUDGET, "1.2.3.4", "A.main(A.java:1)"));
            }
            log.write(record(AuditDecision.DENY, Category.FILE, "/etc/passwd", "A.main(A.java:1)"));
            log.writeSummary(null);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // shadow once, passwd, shadow from B, the would_deny, two allows (not collapsed), three budget records, summary
        assertThat(lines).hasSize(10);
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.path("details").path("counts").path("file").path("deny").asLong()).isEqualTo(8);
        assertThat(summary.path("details").path("counts").path("budget").path("deny").asLong()).isEqualTo(3);
        JsonNode repeated = summary.path("details").path("repeated");
        assertThat(repeated.toString()).isEqualTo("[{\"seq\":1,\"more\":4},{\"seq\":2,\"more\":1}]");
    }

    @Test
    void aLogWithoutRepeatsHasNoRepeatedKey() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            log.write(record(AuditDecision.DENY, Category.FILE, "/etc/shadow", "A.main(A.java:1)"));
            log.writeSummary(null);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(JSON.readTree(lines.get(1)).path("details").has("repeated")).isFalse();
    }

    @Test
    void aVeryLongTargetIsKeptShort() {
        String target = "/x/" + "a".repeat(100_000);
        String key = RepeatedDenials.key(record(AuditDecision.DENY, Category.FILE, target, "A"));
        assertThat(key.length()).isLessThan(RepeatedDenials.MAX_KEY_CHARS + 40);
        assertThat(RepeatedDenials.key(record(AuditDecision.DENY, Category.FILE, target + "b", "A"))).isNotEqualTo(key);
    }

    /**
     * The key is worked out from the parts without joining them (a long one costs no full join): it must be the
     * same text as joining them, cut past the bound to a prefix, the length and the joined text's hashCode.
     */
    @Test
    void theKeyFromPartsIsTheJoinedTextOrItsPrefixLengthAndHash() {
        java.util.Random random = new java.util.Random(16);
        for (int round = 0; round < 2_000; round++) {
            String[] parts = new String[1 + random.nextInt(9)];
            for (int i = 0; i < parts.length; i++) {
                StringBuilder part = new StringBuilder();
                int length = random.nextInt(4) == 0 ? random.nextInt(700) : random.nextInt(80);
                for (int c = 0; c < length; c++) {
                    part.append((char) (random.nextInt(8) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
                }
                parts[i] = part.toString();
            }
            String joined = String.join("\u0000", parts);
            String expected = joined.length() <= RepeatedDenials.MAX_KEY_CHARS ? joined
                    : joined.substring(0, RepeatedDenials.MAX_KEY_CHARS) + '\u0000' + joined.length() + '\u0000'
                            + joined.hashCode();
            assertThat(RepeatedDenials.key(parts)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void pastTheBoundEveryDenialIsWritten() {
        RepeatedDenials r = new RepeatedDenials();
        for (int i = 0; i < RepeatedDenials.MAX_KEYS; i++) {
            r.written("k" + i, i + 1);
        }
        r.written("late", RepeatedDenials.MAX_KEYS + 1);
        assertThat(r.repeat("k0")).isTrue();
        assertThat(r.repeat("late")).as("not remembered: written again").isFalse();
    }
}
