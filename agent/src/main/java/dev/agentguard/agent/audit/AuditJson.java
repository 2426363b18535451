package dev.agentguard.agent.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an {@link AuditRecord} into one line of UTF-8 JSON. Kept apart from {@link AuditLog} so that the
 * line format (field order, null versus omitted fields, the timestamp) is defined in one place.
 *
 * <p><b>Hand-written, on purpose.</b> A line needs only objects, arrays, strings, numbers, booleans and
 * null. Until issue 16 it was written with Jackson's generator and the timestamp with {@code java.time};
 * loading both cost every guarded JVM about 90 classes at start. This class writes the same bytes: every
 * string is escaped as Jackson escaped it (quote, backslash and the control characters, each UTF-16
 * surrogate as a backslash-u escape, so a newline in a target can never split a record over two lines and a
 * lone surrogate never makes invalid UTF-8), numbers as Jackson wrote them. AuditJsonParityTest compares
 * it with the former Jackson writer on random records and on every kind of character.
 */
final class AuditJson {
    /** Nested {@code details} deeper than this are cut off: a cycle must not overflow the stack. */
    private static final int MAX_DEPTH = 16;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private AuditJson() {}

    /** Writes {@code record} as one JSON object followed by {@code '\n'}. */
    static void writeLine(AuditRecord record, OutputStream out) throws IOException {
        out.write('{');
        stringField(out, "ts", formatTs(record.tsMillis()), true);
        numberField(out, "seq", record.seq());
        numberField(out, "pid", record.pid());
        stringField(out, "mode", record.mode() == null ? null : record.mode().yamlName(), false);
        stringField(out, "decision", record.decision().wireName(), false);
        stringField(out, "category", record.category().wireName(), false);
        stringField(out, "op", record.op(), false);
        stringField(out, "target", record.target(), false);
        stringField(out, "rule", record.rule(), false);
        stringField(out, "reason", record.reason(), false);
        stringField(out, "thread", record.thread(), false);
        stringField(out, "caller", record.caller(), false);
        if (record.hasBytes()) {
            numberField(out, "bytes", record.bytes());
        }
        if (record.details() != null) {
            out.write(',');
            string(out, "details");
            out.write(':');
            writeValue(out, record.details(), 0);
        }
        out.write('}');
        out.write('\n');
    }

    /**
     * ISO-8601 in UTC, always with three digits of milliseconds: {@code 2026-11-23T18:00:00.123Z}. The
     * date is computed from the day number with the proleptic Gregorian calendar's 400-year cycle (146097
     * days), which is what {@code java.time} does, without loading it.
     */
    static String formatTs(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Days counted from 0000-03-01, so that the leap day is the last day of a year that starts in March.
        long shifted = days + 719_468L;
        long era = Math.floorDiv(shifted, 146_097L);
        long dayOfEra = shifted - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder b = new StringBuilder(24);
        pad(b, year, 4).append('-');
        pad(b, month, 2).append('-');
        pad(b, day, 2).append('T');
        pad(b, secondOfDay / 3600, 2).append(':');
        pad(b, secondOfDay / 60 % 60, 2).append(':');
        pad(b, secondOfDay % 60, 2).append('.');
        pad(b, millis, 3).append('Z');
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static void stringField(OutputStream out, String name, String value, boolean first) throws IOException {
        if (!first) {
            out.write(',');
        }
        string(out, name);
        out.write(':');
        if (value == null) {
            ascii(out, "null");
        } else {
            string(out, value);
        }
    }

    private static void numberField(OutputStream out, String name, long value) throws IOException {
        out.write(',');
        string(out, name);
        out.write(':');
        ascii(out, Long.toString(value));
    }

    private static void writeValue(OutputStream out, Object value, int depth) throws IOException {
        if (value == null) {
            ascii(out, "null");
        } else if (depth > MAX_DEPTH) {
            string(out, "...");
        } else if (value instanceof CharSequence) {
            string(out, Redactor.redact(value.toString()));
        } else if (value instanceof Boolean) {
            ascii(out, (Boolean) value ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            ascii(out, Long.toString(((Number) value).longValue()));
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // Not a JSON number: quoted, as Jackson's QUOTE_NON_NUMERIC_NUMBERS wrote it.
                string(out, Double.toString(d));
            } else {
                ascii(out, Double.toString(d));
            }
        } else if (value.getClass() == BigInteger.class || value.getClass() == BigDecimal.class) {
            // Exact classes: both can be subclassed, and a subclass's toString written unquoted could end the
            // record and start a forged one; any other value is quoted and escaped below.
            ascii(out, value.toString());
        } else if (value instanceof Map) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.write(':');
                writeValue(out, e.getValue(), depth + 1);
            }
            out.write('}');
        } else if (value instanceof Iterable) {
            out.write('[');
            boolean first = true;
            for (Object item : (Iterable<?>) value) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeValue(out, item, depth + 1);
            }
            out.write(']');
        } else if (value.getClass().isArray()) {
            out.write('[');
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeValue(out, Array.get(value, i), depth + 1);
            }
            out.write(']');
        } else if (value instanceof Enum) {
            string(out, ((Enum<?>) value).name().toLowerCase(Locale.ROOT));
        } else {
            string(out, Redactor.redact(String.valueOf(value)));
        }
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
    }

    /**
     * A JSON string in UTF-8. Escaped: {@code "} and {@code \}, the control characters below 0x20 (the five
     * with a short form as {@code \b \t \n \f \r}, the rest as backslash-u and four hex digits) and every
     * UTF-16 surrogate, paired or not, the same way; everything else is written as its UTF-8 bytes.
     */
    private static void string(OutputStream out, String s) throws IOException {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out.write(c);
                } else {
                    escape(out, c);
                }
            } else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(out, c);
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
        out.write('"');
    }

    private static void escape(OutputStream out, char c) throws IOException {
        char shortForm;
        switch (c) {
            case '"': shortForm = '"'; break;
            case '\\': shortForm = '\\'; break;
            case '\b': shortForm = 'b'; break;
            case '\t': shortForm = 't'; break;
            case '\n': shortForm = 'n'; break;
            case '\f': shortForm = 'f'; break;
            case '\r': shortForm = 'r'; break;
            default:
                unicodeEscape(out, c);
                return;
        }
        out.write('\\');
        out.write(shortForm);
    }

    private static void unicodeEscape(OutputStream out, char c) throws IOException {
        out.write('\\');
        out.write('u');
        out.write(HEX[(c >> 12) & 0xf]);
        out.write(HEX[(c >> 8) & 0xf]);
        out.write(HEX[(c >> 4) & 0xf]);
        out.write(HEX[c & 0xf]);
    }
}
