package dev.agentguard.policy.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column where it starts, so that every problem in a policy can be
 * reported as {@code file:line:col}. Jackson's tree model drops locations, hence this small tree.
 */
public abstract class YamlNode {
    private final int line;
    private final int column;

    YamlNode(int line, int column) {
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What the value is, in words used by "wrong type" messages: "a list", "a map", "a string". */
    public abstract String kind();

    /** A mapping; keys keep their own location for "unknown key" messages. */
    public static final class MapNode extends YamlNode {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        MapNode(int line, int column) {
            super(line, column);
        }

        void put(Entry entry) {
            entries.put(entry.key(), entry);
        }

        public Map<String, Entry> entries() {
            return Collections.unmodifiableMap(entries);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    /** One key of a mapping with its location and its value. */
    public record Entry(String key, int line, int column, YamlNode value) {}

    public static final class ListNode extends YamlNode {
        private final List<YamlNode> items;

        ListNode(int line, int column, List<YamlNode> items) {
            super(line, column);
            this.items = List.copyOf(items);
        }

        public List<YamlNode> items() {
            return items;
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code type} says how YAML typed it (a quoted "1" is a string, a bare 1 a number). */
    public static final class ScalarNode extends YamlNode {
        public enum Type { STRING, NUMBER, BOOLEAN, NULL }

        private final String text;
        private final Type type;

        ScalarNode(int line, int column, String text, Type type) {
            super(line, column);
            this.text = text;
            this.type = type;
        }

        public String text() {
            return text;
        }

        public Type type() {
            return type;
        }

        @Override
        public String kind() {
            switch (type) {
                case NUMBER: return "a number";
                case BOOLEAN: return "a boolean";
                case NULL: return "null";
                default: return "a string";
            }
        }
    }
}
