package dev.agentguard.policy.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy reader as it was before issue 16, on Jackson's YAML parser, kept in test scope only: the
 * parity tests read every policy with it and with {@link YamlReader} and require the same tree, the same
 * problems and the same compiled policy.
 */
final class JacksonYamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;
    private JsonParser parser;

    JacksonYamlReader(Problems problems) {
        this.problems = problems;
    }

    /** Parses the document; returns null when the text is not YAML (the problem is recorded). */
    YamlNode read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            this.parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(1, 1, "the policy is empty (expected at least 'version: 1')");
                return null;
            }
            return readValue(first);
        } catch (IOException e) {
            JsonLocation where = parser == null ? null : parser.currentLocation();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            // Jackson appends its own location block; keep the first line, we print ours.
            int cut = message.indexOf('\n');
            if (cut > 0) {
                message = message.substring(0, cut);
            }
            problems.add(where == null ? 1 : Math.max(1, where.getLineNr()),
                    where == null ? 1 : Math.max(1, where.getColumnNr()),
                    "not valid YAML: " + message.trim());
            return null;
        }
    }

    private YamlNode readValue(JsonToken token) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT:
                return readMap(line, column);
            case START_ARRAY:
                return readList(line, column);
            case VALUE_STRING:
                return new YamlNode.ScalarNode(line, column, parser.getText(), YamlNode.ScalarNode.Type.STRING);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.ScalarNode(line, column, parser.getText(), YamlNode.ScalarNode.Type.NUMBER);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.ScalarNode(line, column, parser.getText(), YamlNode.ScalarNode.Type.BOOLEAN);
            case VALUE_NULL:
                return new YamlNode.ScalarNode(line, column, "", YamlNode.ScalarNode.Type.NULL);
            default:
                throw new IOException("unexpected YAML token " + token);
        }
    }

    private YamlNode readMap(int line, int column) throws IOException {
        YamlNode.MapNode map = new YamlNode.MapNode(line, column);
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            YamlNode value = readValue(parser.nextToken());
            if (map.entries().containsKey(key)) {
                YamlNode.Entry earlier = map.entries().get(key);
                problems.add(keyAt.getLineNr(), keyAt.getColumnNr(),
                        "duplicate key '" + key + "' (first at line " + earlier.line() + ")");
                continue;
            }
            map.put(new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unexpected YAML token " + token + " in a map");
        }
        return map;
    }

    private YamlNode readList(int line, int column) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated list");
            }
            items.add(readValue(token));
        }
        return new YamlNode.ListNode(line, column, items);
    }
}
