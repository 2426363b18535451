package dev.agentguard.policy.load;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into a {@link YamlNode} tree that remembers where each value starts.
 *
 * <p>SnakeYAML's event parser does the YAML; this class builds the tree from its events and keeps their
 * locations. A duplicate key is a problem (YAML parsers usually keep the last one silently, which would
 * hide a grant or a deny).
 *
 * <p><b>Why events, not Jackson.</b> Until issue 16 the policy was read through Jackson's YAML parser,
 * which wraps these same events; loading Jackson cost every guarded JVM's start about 90 classes (90 ms in
 * one start traced on a loaded machine). This reader keeps what that parser did, so that every policy reads to the same tree
 * and every problem keeps its {@code file:line:col} and text: scalars are typed as it typed them
 * (SnakeYAML's resolver, then its rules for numbers and booleans), an alias reads as its anchor's name, a
 * YAML error is reported at the end of the last event read, and documents nested deeper than its limit of
 * 1000 fail with its message. {@code YamlReaderParityTest} reads every policy of the repository and a
 * corpus of edge cases with both and compares the trees, the problems and the compiled policies.
 */
public final class YamlReader {
    /** Jackson's default {@code StreamReadConstraints} limits, kept so that the same documents fail. */
    private static final int MAX_DEPTH = 1000;
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    private final Problems problems;
    private final Resolver resolver = new Resolver();
    private ParserImpl parser;
    /** The last event read: a YAML error is reported where it ends. */
    private Event last;

    public YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** Parses the document; returns null when the text is not YAML (the problem is recorded). */
    public YamlNode read(String text) {
        parser = new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
        try {
            Event first = next();
            if (first == null) {
                problems.add(1, 1, "the policy is empty (expected at least 'version: 1')");
                return null;
            }
            YamlNode root = readValue(first, 0);
            if (root == null) {
                // A scalar that is no value at all (an explicit !!int "+"): nothing was read.
                problems.add(1, 1, "the policy is empty (expected at least 'version: 1')");
            }
            refuseSecondDocument();
            return root;
        } catch (YAMLException | NotYaml e) {
            notYaml(e.getMessage());
            return null;
        } catch (NumberFormatException e) {
            notYaml("Malformed Number token: failed to tokenize due to (" + e.getClass().getName() + "): "
                    + e.getMessage());
            return null;
        }
    }

    /**
     * A policy is one YAML document. Rules in a second one (after another {@code ---}) would be silently left
     * out, so a second document is a problem where it starts.
     */
    private void refuseSecondDocument() {
        try {
            while (true) {
                Event event = parser.getEvent();
                if (event == null || event.is(Event.ID.StreamEnd)) {
                    return;
                }
                last = event;
                if (event.is(Event.ID.DocumentStart)) {
                    Mark at = event.getStartMark();
                    problems.add(at.getLine() + 1, at.getColumn() + 1, "a second YAML document is not read: a"
                            + " policy is one document; remove this '---' and merge what follows into the first");
                    return;
                }
            }
        } catch (YAMLException e) {
            notYaml(e.getMessage()); // text after the document that is not YAML: a problem, the tree stays
        }
    }

    private void notYaml(String message) {
        String first = message == null ? "N/A" : message;
        int cut = first.indexOf('\n');
        if (cut > 0) {
            first = first.substring(0, cut);
        }
        Mark end = last == null ? null : last.getEndMark();
        problems.add(end == null ? 1 : Math.max(1, end.getLine() + 1),
                end == null ? 1 : Math.max(1, end.getColumn() + 1),
                "not valid YAML: " + first.trim());
    }

    /** The next event that carries content; null at the end of the stream. Document markers are skipped. */
    private Event next() {
        while (true) {
            Event event = parser.getEvent();
            if (event == null) {
                return null;
            }
            last = event;
            if (event.is(Event.ID.StreamEnd)) {
                return null;
            }
            if (!event.is(Event.ID.StreamStart) && !event.is(Event.ID.DocumentStart)
                    && !event.is(Event.ID.DocumentEnd)) {
                return event;
            }
        }
    }

    /** The value that starts with {@code event}; null for a scalar that is no value (see {@link #read}). */
    private YamlNode readValue(Event event, int depth) {
        Mark at = event.getStartMark();
        int line = at.getLine() + 1;
        int column = at.getColumn() + 1;
        if (event.is(Event.ID.Scalar)) {
            return scalar((ScalarEvent) event, line, column);
        }
        if (event.is(Event.ID.MappingStart)) {
            checkDepth(depth + 1);
            return readMap(line, column, depth + 1);
        }
        if (event.is(Event.ID.SequenceStart)) {
            checkDepth(depth + 1);
            return readList(line, column, depth + 1);
        }
        if (event.is(Event.ID.Alias)) {
            // Expanding it would let one anchor put the same grant in several sections unseen; reading it as
            // the text "name" (as the former reader did) would grant a literal name. Neither: it is refused.
            String anchor = ((AliasEvent) event).getAnchor();
            problems.add(line, column, "the alias *" + anchor + " is not supported in a policy: write the value"
                    + " out where it is used");
            return new YamlNode.ScalarNode(line, column, anchor, YamlNode.ScalarNode.Type.STRING);
        }
        if (event.is(Event.ID.MappingEnd)) {
            throw new NotYaml("Not expecting END_OBJECT but a value");
        }
        throw new NotYaml("unexpected YAML token " + (event.is(Event.ID.SequenceEnd) ? "END_ARRAY" : "null"));
    }

    private YamlNode readMap(int line, int column, int depth) {
        YamlNode.MapNode map = new YamlNode.MapNode(line, column);
        while (true) {
            Event keyEvent = next();
            if (keyEvent == null) {
                throw new NotYaml("unexpected YAML token null in a map");
            }
            if (keyEvent.is(Event.ID.MappingEnd)) {
                return map;
            }
            if (!keyEvent.is(Event.ID.Scalar)) {
                throw new NotYaml("Expected a field name (Scalar value in YAML), got this instead: " + keyEvent);
            }
            Mark keyAt = keyEvent.getStartMark();
            String key = ((ScalarEvent) keyEvent).getValue();
            Event valueEvent = next();
            YamlNode value = valueEvent == null ? null : readValue(valueEvent, depth);
            if (value == null) {
                // Jackson's reader failed here on a null token; say what it is instead.
                throw new NotYaml("the value of '" + key + "' is not a value");
            }
            if (map.entries().containsKey(key)) {
                YamlNode.Entry earlier = map.entries().get(key);
                problems.add(keyAt.getLine() + 1, keyAt.getColumn() + 1,
                        "duplicate key '" + key + "' (first at line " + earlier.line() + ")");
                continue;
            }
            map.put(new YamlNode.Entry(key, keyAt.getLine() + 1, keyAt.getColumn() + 1, value));
        }
    }

    private YamlNode readList(int line, int column, int depth) {
        List<YamlNode> items = new ArrayList<>();
        while (true) {
            Event event = next();
            if (event != null && event.is(Event.ID.SequenceEnd)) {
                return new YamlNode.ListNode(line, column, items);
            }
            YamlNode item = event == null ? null : readValue(event, depth);
            if (item == null) {
                throw new NotYaml("unterminated list");
            }
            items.add(item);
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotYaml("Document nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_DEPTH
                    + ", from `StreamReadConstraints.getMaxNestingDepth()`)");
        }
    }

    // ---- Scalars: typed as Jackson's YAML parser typed them, so that "wrong type" problems stay the same.

    private YamlNode scalar(ScalarEvent event, int line, int column) {
        String value = event.getValue();
        YamlNode.ScalarNode.Type type = scalarType(event, value);
        if (type == null) {
            return null;
        }
        return new YamlNode.ScalarNode(line, column, type == YamlNode.ScalarNode.Type.NULL ? "" : value, type);
    }

    /** The type of a scalar; null for a scalar tagged as a number that has no digits ({@code !!int "+"}). */
    private YamlNode.ScalarNode.Type scalarType(ScalarEvent event, String value) {
        if (value.isEmpty()) {
            // Jackson's reader (EMPTY_STRING_AS_NULL off in its factory) read every empty scalar, a missing
            // value included, as an empty string before looking at tags: "'x' has no value" relies on it.
            return YamlNode.ScalarNode.Type.STRING;
        }
        String tag = event.getTag();
        if (tag == null || tag.equals("!")) {
            // Compared by identity, as Jackson compared them.
            Tag resolved = resolver.resolve(NodeId.scalar, value, event.getImplicit().canOmitTagInPlainScalar());
            if (resolved == Tag.STR) {
                return YamlNode.ScalarNode.Type.STRING;
            }
            if (resolved == Tag.INT) {
                return integer(value);
            }
            if (resolved == Tag.FLOAT) {
                return YamlNode.ScalarNode.Type.NUMBER;
            }
            if (resolved == Tag.BOOL) {
                return isBoolean(value) ? YamlNode.ScalarNode.Type.BOOLEAN : YamlNode.ScalarNode.Type.STRING;
            }
            if (resolved == Tag.NULL) {
                return YamlNode.ScalarNode.Type.NULL;
            }
            return YamlNode.ScalarNode.Type.STRING;
        }
        if (tag.startsWith(YAML_TAG_PREFIX)) {
            tag = tag.substring(YAML_TAG_PREFIX.length());
            int comma = tag.indexOf(',');
            if (comma >= 0) {
                tag = tag.substring(0, comma);
            }
        }
        switch (tag) {
            case "binary":
                // Jackson decoded it to bytes, which the policy reader then refused as a token.
                throw new NotYaml("unexpected YAML token VALUE_EMBEDDED_OBJECT");
            case "bool":
                return isBoolean(value) ? YamlNode.ScalarNode.Type.BOOLEAN : YamlNode.ScalarNode.Type.STRING;
            case "int":
                return integer(value);
            case "float":
                return YamlNode.ScalarNode.Type.NUMBER;
            case "null":
                return YamlNode.ScalarNode.Type.NULL;
            default:
                return YamlNode.ScalarNode.Type.STRING;
        }
    }

    /** YAML 1.1 booleans as Jackson accepted them: y, n, yes, no, on, off, true, false in any case. */
    private static boolean isBoolean(String value) {
        switch (value.length()) {
            case 1: {
                char c = value.charAt(0);
                return c == 'y' || c == 'Y' || c == 'n' || c == 'N';
            }
            case 2: return value.equalsIgnoreCase("no") || value.equalsIgnoreCase("on");
            case 3: return value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("off");
            case 4: return value.equalsIgnoreCase("true");
            case 5: return value.equalsIgnoreCase("false");
            default: return false;
        }
    }

    /**
     * An integer scalar: a number when its digits parse as Jackson parsed them (binary, octal, hex or
     * decimal with underscores), a string when they do not look like one (a sexagesimal {@code 1:30});
     * digits that look like a number but do not parse are a YAML error, as they were.
     */
    private static YamlNode.ScalarNode.Type integer(String value) {
        int len = value.length();
        int i = 0;
        char first = value.charAt(0);
        if (first == '-' || first == '+') {
            if (first == '+' && len == 1) {
                return null;
            }
            i = 1;
        }
        if (len == i) {
            return null;
        }
        if (value.charAt(i) == '0') {
            if (++i == len) {
                return YamlNode.ScalarNode.Type.NUMBER;
            }
            char c = value.charAt(i);
            switch (c) {
                case 'b': case 'B':
                    parseDigits(withoutUnderscores(value, i + 1), 2, 31, 63);
                    return YamlNode.ScalarNode.Type.NUMBER;
                case 'x': case 'X':
                    parseDigits(withoutUnderscores(value, i + 1), 16, 7, 15);
                    return YamlNode.ScalarNode.Type.NUMBER;
                case '0': case '1': case '2': case '3': case '4':
                case '5': case '6': case '7': case '8': case '9':
                case '_':
                    parseDigits(withoutUnderscores(value, i), 8, 10, 21);
                    return YamlNode.ScalarNode.Type.NUMBER;
                default:
                    return YamlNode.ScalarNode.Type.STRING;
            }
        }
        boolean underscores = false;
        while (true) {
            char c = value.charAt(i);
            if (c > '9' || c < '0') {
                if (c == '_') {
                    underscores = true;
                } else {
                    return YamlNode.ScalarNode.Type.STRING;
                }
            }
            if (++i == len) {
                if (underscores) {
                    String cleaned = withoutUnderscores(value, value.charAt(0) == '+' ? 1 : 0);
                    if (cleaned.isEmpty() || cleaned.equals("-")) {
                        throw new NotYaml("Invalid number ('" + value + "')");
                    }
                }
                return YamlNode.ScalarNode.Type.NUMBER;
            }
        }
    }

    private static String withoutUnderscores(String value, int from) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '_') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Parses as an int, a long or a big integer by the digit count, as Jackson did; throws as it threw. */
    private static void parseDigits(String digits, int radix, int intDigits, int longDigits) {
        try {
            if (digits.length() <= intDigits) {
                Integer.parseInt(digits, radix);
            } else if (digits.length() <= longDigits) {
                Long.parseLong(digits, radix);
            } else {
                if (digits.length() > MAX_NUMBER_LENGTH) {
                    throw new NotYaml("Number value length (" + digits.length() + ") exceeds the maximum allowed ("
                            + MAX_NUMBER_LENGTH + ", from `StreamReadConstraints.getMaxNumberLength()`)");
                }
                new BigInteger(digits, radix);
            }
        } catch (NumberFormatException e) {
            throw new NotYaml("Invalid base-" + radix + " number ('" + digits + "'), problem: " + e.getMessage());
        }
    }

    /** A document this reader refuses as Jackson's parser refused it; reported as "not valid YAML". */
    private static final class NotYaml extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotYaml(String message) {
            super(message, null, false, false);
        }
    }
}
