package dev.agentguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An audit log written by a child JVM, parsed line by line (each line must be a JSON object). */
public final class AuditLogFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> records;

    private AuditLogFile(List<JsonNode> records) {
        this.records = records;
    }

    public static AuditLogFile read(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                records.add(JSON.readTree(line));
            }
        }
        return new AuditLogFile(records);
    }

    public List<JsonNode> records() {
        return records;
    }

    public List<JsonNode> where(String decision, String category) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : records) {
            if (r.path("decision").asText().equals(decision) && r.path("category").asText().equals(category)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * How many calls {@code record} stands for: 1, plus the identical denials collapsed into it that the
     * summary lists under {@code details.repeated}.
     */
    public long copies(JsonNode record) {
        long seq = record.path("seq").asLong();
        for (JsonNode r : records) {
            if (r.path("category").asText().equals("guard") && r.path("op").asText().equals("summary")) {
                for (JsonNode repeat : r.path("details").path("repeated")) {
                    if (repeat.path("seq").asLong() == seq) {
                        return 1 + repeat.path("more").asLong();
                    }
                }
            }
        }
        return 1;
    }

    public boolean has(String decision, String category, String targetContains) {
        for (JsonNode r : where(decision, category)) {
            if (r.path("target").asText().contains(targetContains)) {
                return true;
            }
        }
        return false;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
