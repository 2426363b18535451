package dev.agentguard.agent.suggest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams an audit log one line at a time: each line is parsed on its own with Jackson's streaming
 * parser and handed on as an {@link AuditEntry}, so a log of millions of records needs memory for one
 * line only. A line that is not a JSON object with the record's fields is reported by its number and
 * skipped; nothing about one bad line stops the rest.
 */
final class AuditReader {
    /** How many bad lines are named one by one; the rest are counted. */
    static final int MAX_REPORTED = 20;
    /** Arguments and names kept from one record's details: enough for any real command line. */
    private static final int MAX_LIST = 4096;

    private static final JsonFactory JSON = new JsonFactory();

    private final List<String> problems = new ArrayList<>();
    private long badLines;
    private long records;

    /** Reads every line of {@code in} (UTF-8; malformed bytes become U+FFFD) and passes the records on. */
    void read(InputStream in, Consumer<AuditEntry> sink) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            AuditEntry entry;
            try {
                entry = parse(number, line);
            } catch (IOException | RuntimeException e) {
                bad(number, "not a JSON object (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            if (entry.decision() == null || entry.category() == null || entry.op() == null) {
                bad(number, "not an audit record (no decision, category or op)");
                continue;
            }
            records++;
            sink.accept(entry);
        }
    }

    /** What could not be read, one line each ({@code line 12: ...}), at most {@link #MAX_REPORTED} and a count. */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (badLines > problems.size()) {
            all.add((badLines - problems.size()) + " more unreadable line(s) not listed");
        }
        return all;
    }

    long badLines() {
        return badLines;
    }

    long records() {
        return records;
    }

    private void bad(long number, String why) {
        badLines++;
        if (problems.size() < MAX_REPORTED) {
            problems.add("line " + number + ": " + why + ", skipped");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static AuditEntry parse(long number, String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the line does not start with '{'");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            List<String> argv = null;
            List<String> names = null;
            Map<String, String> start = Map.of();
            long pid = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new IOException("unexpected " + t);
                }
                String field = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (field.equals("details") && value == JsonToken.START_OBJECT) {
                    Details details = readDetails(p);
                    argv = details.argv;
                    names = details.names;
                    start = details.strings;
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(field, p.getText());
                } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("pid")) {
                    pid = p.getLongValue();
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("text after the object");
            }
            return new AuditEntry(number, fields.get("decision"), fields.get("category"), fields.get("op"),
                    fields.get("target"), fields.get("rule"), fields.get("reason"), argv, names, start, pid);
        }
    }

    private static final class Details {
        List<String> argv;
        List<String> names;
        final Map<String, String> strings = new LinkedHashMap<>();
    }

    /** Reads a {@code details} object: the lists {@code argv} and {@code names}, and its string values. */
    private static Details readDetails(JsonParser p) throws IOException {
        Details details = new Details();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IOException("unexpected " + t + " in details");
            }
            String field = p.getCurrentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY && (field.equals("argv") || field.equals("names"))) {
                List<String> list = readStrings(p);
                if (field.equals("argv")) {
                    details.argv = list;
                } else {
                    details.names = list;
                }
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (value == JsonToken.VALUE_STRING && details.strings.size() < 64) {
                details.strings.put(field, p.getText());
            }
        }
        return details;
    }

    private static List<String> readStrings(JsonParser p) throws IOException {
        List<String> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("unterminated list in details");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
                throw new IOException("a list of strings holds an object or array");
            }
            if (list.size() >= MAX_LIST) {
                throw new IOException("a list in details is longer than " + MAX_LIST);
            }
            list.add(t == JsonToken.VALUE_NULL ? "" : p.getText());
        }
        return Collections.unmodifiableList(list);
    }
}
