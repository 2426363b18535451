package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
    /** 2026-11-23T18:00:00.123Z */
    private static final long TS = 1795456800123L;

    private static String line(AuditRecord draft) throws IOException {
        AuditRecord stamped = draft.stamped(TS, 7, 4242, Mode.ENFORCE, draft.target(), draft.reason(), draft.thread());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditJson.writeLine(stamped, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesFieldsInExactOrder() throws IOException {
        AuditRecord r = AuditRecord.builder(AuditDecision.DENY, Category.FILE, "read", "/etc/shadow")
                .rule("files.deny[0]")
                .reason("denied by files.deny[0]")
                .thread("main")
                .caller("com.acme.Tool.run(Tool.java:42)")
                .build();
        assertThat(line(r)).isEqualTo("{\"ts\":\"2026-11-23T18:00:00.123Z\",\"seq\":7,\"pid\":4242,\"mode\":\"enforce\","
                + "\"decision\":\"deny\",\"category\":\"file\",\"op\":\"read\",\"target\":\"/etc/shadow\","
                + "\"rule\":\"files.deny[0]\",\"reason\":\"denied by files.deny[0]\",\"thread\":\"main\","
                + "\"caller\":\"com.acme.Tool.run(Tool.java:42)\"}\n");
    }

    @Test
    void writesBytesLastOnlyWhenSet() throws IOException {
        AuditRecord.Builder b = AuditRecord.builder(AuditDecision.WOULD_DENY, Category.NETWORK, "send", "h:443")
                .thread("t");
        assertThat(line(b.build())).endsWith("\"thread\":\"t\",\"caller\":null}\n").doesNotContain("bytes");
        assertThat(line(b.bytes(0).build())).endsWith("\"thread\":\"t\",\"caller\":null,\"bytes\":0}\n");
        assertThat(line(b.bytes(1_048_576).build())).endsWith("\"caller\":null,\"bytes\":1048576}\n")
                .contains("\"decision\":\"would_deny\",\"category\":\"network\"");
    }

    @Test
    void writesNullsAsJsonNull() throws IOException {
        AuditRecord r = AuditRecord.builder(AuditDecision.ALLOW, Category.ENV, "read", null).thread("t").build();
        assertThat(line(r)).contains("\"target\":null,\"rule\":null,\"reason\":null,\"thread\":\"t\",\"caller\":null}");
    }

    @Test
    void writesDetailsAfterStandardFields() throws IOException {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("allow", 3L);
        counts.put("deny", 1);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", "0.1.0");
        details.put("counts", counts);
        details.put("list", List.of("a", 2));
        details.put("ratio", 0.25d);
        details.put("ok", true);
        details.put("none", null);
        details.put("mode", Mode.AUDIT);
        AuditRecord r = AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "summary", null)
                .thread("t").bytes(5).details(details).build();
        assertThat(line(r)).endsWith("\"caller\":null,\"bytes\":5,\"details\":{\"version\":\"0.1.0\","
                + "\"counts\":{\"allow\":3,\"deny\":1},\"list\":[\"a\",2],\"ratio\":0.25,\"ok\":true,\"none\":null,"
                + "\"mode\":\"audit\"}}\n");
    }

    /** A number whose text is a forged record: only the JDK's own number classes are written unquoted. */
    private static final class ForgedNumber extends java.math.BigInteger {
        private static final long serialVersionUID = 1L;

        ForgedNumber() {
            super("1");
        }

        @Override
        public String toString() {
            return "1}}\n{\"decision\":\"allow\"";
        }
    }

    @Test
    void aNumberSubclassCannotEndTheRecord() throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("n", new ForgedNumber());
        details.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        details.put("dec", new java.math.BigDecimal("1.50"));
        AuditRecord r = AuditRecord.builder(AuditDecision.DENY, Category.GUARD, "x", null).details(details).build();
        assertThat(line(r)).endsWith("\"details\":{\"n\":\"1}}\\n{\\\"decision\\\":\\\"allow\\\"\","
                + "\"big\":123456789012345678901234567890,\"dec\":1.50}}\n");
    }

    @Test
    void detailsAreCopiedAndOmittedWhenEmpty() throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("a", 1);
        AuditRecord r = AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "start", null).details(details).build();
        details.put("b", 2);
        assertThat(r.details()).containsOnlyKeys("a");
        AuditRecord empty = AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "start", null)
                .details(Map.of()).build();
        assertThat(line(empty)).doesNotContain("details");
    }

    @Test
    void cyclicDetailsAreCutOff() throws IOException {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        AuditRecord r = AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "start", null)
                .details(cyclic).build();
        assertThat(line(r)).contains("\"...\"");
    }

    @Test
    void escapesNewlinesAndControlCharactersSoOneRecordIsOneLine() throws IOException {
        AuditRecord r = AuditRecord.builder(AuditDecision.DENY, Category.FILE, "read", "/tmp/a\nb\u0000\"c\u00e9")
                .thread("t").build();
        String line = line(r);
        assertThat(line).contains("\"target\":\"/tmp/a\\nb\\u0000\\\"c\u00e9\"");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    }

    @Test
    void formatsTimestampsWithMillisecondsInUtc() {
        assertThat(AuditJson.formatTs(TS)).isEqualTo("2026-11-23T18:00:00.123Z");
        assertThat(AuditJson.formatTs(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(AuditJson.formatTs(1_000)).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(AuditJson.formatTs(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(AuditJson.formatTs(951_782_400_007L)).isEqualTo("2000-02-29T00:00:00.007Z");
    }
}
