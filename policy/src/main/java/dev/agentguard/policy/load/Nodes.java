package dev.agentguard.policy.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Strict, typed access to a {@link YamlNode} tree. Each method records a problem and returns an empty
 * result when the value has the wrong type, so that loading goes on and reports everything at once.
 * An absent value or an explicit YAML null counts as empty: {@code files:} with nothing under it grants
 * nothing, which is also what leaving it out does.
 */
final class Nodes {
    private final Problems problems;

    Nodes(Problems problems) {
        this.problems = problems;
    }

    static boolean isAbsent(YamlNode node) {
        if (node == null) {
            return true;
        }
        if (!(node instanceof YamlNode.ScalarNode)) {
            return false;
        }
        YamlNode.ScalarNode scalar = (YamlNode.ScalarNode) node;
        // Jackson reports a key with nothing after it ("files:") as an empty string, not as null.
        return scalar.type() == YamlNode.ScalarNode.Type.NULL
                || (scalar.type() == YamlNode.ScalarNode.Type.STRING && scalar.text().isEmpty());
    }

    /** The map at {@code path}, after checking that it has no key outside {@code allowed}; null if absent or wrong. */
    YamlNode.MapNode map(YamlNode node, String path, List<String> allowed) {
        if (isAbsent(node)) {
            return null;
        }
        if (!(node instanceof YamlNode.MapNode)) {
            problems.add(node, (path.isEmpty() ? "the policy" : "'" + path + "'") + " must be a map, not " + node.kind());
            return null;
        }
        YamlNode.MapNode map = (YamlNode.MapNode) node;
        if (allowed != null) {
            for (YamlNode.Entry entry : map.entries().values()) {
                if (!allowed.contains(entry.key())) {
                    String under = path.isEmpty() ? "at the top level" : "under '" + path + "'";
                    problems.add(entry.line(), entry.column(), "unknown key '" + entry.key() + "' " + under
                            + " (expected: " + String.join(", ", allowed) + ")");
                }
            }
        }
        return map;
    }

    static YamlNode get(YamlNode.MapNode map, String key) {
        if (map == null) {
            return null;
        }
        YamlNode.Entry entry = map.entries().get(key);
        return entry == null ? null : entry.value();
    }

    /** A string scalar; numbers are accepted as their text only where {@code numbersOk}. */
    YamlNode.ScalarNode string(YamlNode node, String path, boolean numbersOk) {
        if (isAbsent(node)) {
            return null;
        }
        if (node instanceof YamlNode.ScalarNode) {
            YamlNode.ScalarNode scalar = (YamlNode.ScalarNode) node;
            if (scalar.type() == YamlNode.ScalarNode.Type.STRING
                    || (numbersOk && scalar.type() == YamlNode.ScalarNode.Type.NUMBER)) {
                return scalar;
            }
        }
        problems.add(node, "'" + path + "' must be a string, not " + node.kind());
        return null;
    }

    /** A YAML boolean ({@code true}/{@code false}, unquoted); null when absent or reported as wrong. */
    Boolean bool(YamlNode node, String path) {
        if (isAbsent(node)) {
            return null;
        }
        if (node instanceof YamlNode.ScalarNode scalar && scalar.type() == YamlNode.ScalarNode.Type.BOOLEAN
                && (scalar.text().equals("true") || scalar.text().equals("false"))) {
            return scalar.text().equals("true");
        }
        problems.add(node, "'" + path + "' must be true or false, not " + node.kind());
        return null;
    }

    /** A list whose items are all strings; wrong items are reported and left out. */
    List<YamlNode.ScalarNode> strings(YamlNode node, String path) {
        if (isAbsent(node)) {
            return Collections.emptyList();
        }
        if (!(node instanceof YamlNode.ListNode)) {
            problems.add(node, "'" + path + "' must be a list of strings, not " + node.kind());
            return Collections.emptyList();
        }
        List<YamlNode.ScalarNode> out = new ArrayList<>();
        List<YamlNode> items = ((YamlNode.ListNode) node).items();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            YamlNode.ScalarNode scalar = string(item, path + "[" + i + "]", false);
            if (scalar == null && isAbsent(item)) {
                problems.add(item, "'" + path + "[" + i + "]' is empty");
            }
            out.add(scalar);
        }
        return out;
    }

    /** A list of lists of strings ({@code process.exec}); each inner list is one argv pattern. */
    List<List<YamlNode.ScalarNode>> stringLists(YamlNode node, String path) {
        if (isAbsent(node)) {
            return Collections.emptyList();
        }
        if (!(node instanceof YamlNode.ListNode)) {
            problems.add(node, "'" + path + "' must be a list of argv lists, not " + node.kind());
            return Collections.emptyList();
        }
        List<List<YamlNode.ScalarNode>> out = new ArrayList<>();
        List<YamlNode> items = ((YamlNode.ListNode) node).items();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (!(item instanceof YamlNode.ListNode) || ((YamlNode.ListNode) item).items().isEmpty()) {
                problems.add(item, "'" + path + "[" + i + "]' must be a non-empty argv list such as"
                        + " [\"git\", \"status\"], not " + (item instanceof YamlNode.ListNode ? "an empty list" : item.kind()));
                out.add(null);
                continue;
            }
            out.add(strings(item, path + "[" + i + "]"));
        }
        return out;
    }

    void problem(YamlNode at, String message) {
        problems.add(at, message);
    }
}
