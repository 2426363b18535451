package dev.agentguard.agent.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The audit line writer as it was before issue 16, on Jackson's generator and java.time, kept in test
 * scope only: AuditJsonParityTest requires {@link AuditJson} to write the same bytes.
 */
final class JacksonAuditJson {
    /** Nested {@code details} deeper than this are cut off: a cycle must not overflow the stack. */
    private static final int MAX_DEPTH = 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JacksonAuditJson() {}

    /** Writes {@code record} as one JSON object followed by {@code '\n'}. */
    static void writeLine(AuditRecord record, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("ts", formatTs(record.tsMillis()));
            g.writeNumberField("seq", record.seq());
            g.writeNumberField("pid", record.pid());
            g.writeStringField("mode", record.mode() == null ? null : record.mode().yamlName());
            g.writeStringField("decision", record.decision().wireName());
            g.writeStringField("category", record.category().wireName());
            g.writeStringField("op", record.op());
            g.writeStringField("target", record.target());
            g.writeStringField("rule", record.rule());
            g.writeStringField("reason", record.reason());
            g.writeStringField("thread", record.thread());
            g.writeStringField("caller", record.caller());
            if (record.hasBytes()) {
                g.writeNumberField("bytes", record.bytes());
            }
            if (record.details() != null) {
                g.writeFieldName("details");
                writeValue(g, record.details(), 0);
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** ISO-8601 in UTC, always with three digits of milliseconds: {@code 2026-11-23T18:00:00.123Z}. */
    static String formatTs(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, millis, 3).append('Z');
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (depth > MAX_DEPTH) {
            g.writeString("...");
        } else if (value instanceof CharSequence) {
            g.writeString(Redactor.redact(value.toString()));
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (value instanceof Iterable) {
            g.writeStartArray();
            for (Object item : (Iterable<?>) value) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (value.getClass().isArray()) {
            g.writeStartArray();
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                writeValue(g, Array.get(value, i), depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof Enum) {
            g.writeString(((Enum<?>) value).name().toLowerCase(java.util.Locale.ROOT));
        } else {
            g.writeString(Redactor.redact(String.valueOf(value)));
        }
    }
}
