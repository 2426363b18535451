package dev.agentguard.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy reader on SnakeYAML's events ({@link YamlReader}) against the former one on Jackson's YAML
 * parser ({@link JacksonYamlReader}, test scope): every policy of the repository (YAML files, the YAML
 * blocks of the Markdown documents, the policies written inline in every module's tests) and a corpus of
 * YAML edge cases must read to the same tree with the same problems, and compile to the same policy with
 * the same problems.
 */
class YamlReaderParityTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final PolicyContext CONTEXT = new PolicyContext("/work", "/home/u", "/tmp", "/opt/jdk", 42,
            "/usr/bin:/bin", List.of(), null);

    /**
     * Where the two readers are allowed to differ: the former one threw a NullPointerException there. Also
     * {@code !!binary} text that is not base64: both report "not valid YAML" at the same place, the former
     * with Jackson's base64 message, this one with the message it gave for valid base64 (see below).
     */
    private static final List<String> IMPROVED = List.of("a: !!int +\n", "a: !!int '-'\n");

    /** Edge cases of YAML typing, structure and errors that the repository's policies may not contain. */
    private static final List<String> EDGES = List.of(
            "", "# only a comment\n", "---\n", "--- \n...\n", "- a\n", "a\n",
            "~\n", "null\n", "version: 1\nmode: audit\nmode: enforce\n",
            "a: [1, 1.5, -2, +3, 0, -0, 0x1F, 0o17, 017, 0b101, 1_000, 1__0, +1_0, 1:30, 190:20:30, .5, 1e3, 1.0e+3]\n",
            "a: [.inf, -.Inf, .NaN, 6.8523015e+5, 685.230_15e+03, 0x_1, 0b_1, 0_7, 09, 0x, 0b, 0xg, 0b2]\n",
            "a: [y, Y, n, N, yes, No, ON, off, true, False, TRUE, nO, oN, yEs, tRuE, fAlSe, maybe]\n",
            "a: [~, null, Null, NULL, nulL, '', \"\", '~', 'null', \"1\", '1', 'true', !!str 1, !!str true]\n",
            "a: [!!int 1, !!int x, !!int '', !!int 0x, !!int 0b102, !!int -, !!int -_, !!int 1_, !!int 089]\n",
            "a: [!!float 1, !!float x, !!float '', !!bool yes, !!bool x, !!null x, !!null '', !local 1, ! 1]\n",
            "a: [!!binary aGVsbG8=]\n", "a: [!!int +]\n", "a: [!!int '-']\n", "a: [!!timestamp 2001-12-14, 2001-12-14t21:59:43.10-05:00]\n",
            "a: [<<, =, !!merge <<]\n", "a: &x 1\n", "? [a]\n: 1\n", "? {a: 1}\n: 1\n", "{a: 1, a: 2}\n", "[a, [b, [c, {d: e}]]]\n",
            "a:\n  - b: 1\n    c: 2\n  - [x, y]\n  -\n  - ''\n", "a: |\n  line\n   more\nb: >-\n  folded\n  text\n",
            "a: 'it''s'\nb: \"tab\\tand\\u00e9 \\U0001F600\"\n", "\uFEFFversion: 1\n", "version: 1\r\nmode: audit\r\n",
            "a: b: c\n", "a: [b\n", "a: {b\n", "- a\n b\n", "a:\n\t- b\n", "a: \"unterminated\n", "a: 'x\n",
            "a: @x\n", "a: `x\n", "%YAML 1.1\n---\na: 1\n", "%YAML 2.0\n---\na: 1\n", "%FOO bar\n---\na: 1\n",
            "!!map {a: 1}\n", "!!seq [a]\n", "!!str {a: 1}\n", "a: !<tag:yaml.org,2002:int> 5\n",
            "a: !<tag:yaml.org,2002:int,extra> 5\n", "a: \"\\x\"\n", "a: \"\\U0011FFFF\"\n", "a: \u0001\n",
            "é: ü\nkey with spaces: value with spaces\n\"quoted key\": 1\n'single': 2\n1: one\ntrue: t\n~: n\n",
            "? a\n? b\n: 2\n", "a: [1, 2,]\n", "a: {b: 1,}\n", "a: [,]\n", "- - - - x\n", "a: 0x" + "f".repeat(1001) + "\n",
            "a: 0b" + "1".repeat(70) + "\n", "a: 0" + "7".repeat(30) + "\n", "a: 0x" + "F".repeat(20) + "\n",
            "a: " + "9".repeat(40) + "\n", "a: -2147483649\n", "a: 0x80000000\n", "a: -0x80000000\n",
            "[".repeat(999) + "]".repeat(999) + "\n", "[".repeat(1000) + "]".repeat(1000) + "\n",
            "[".repeat(1001) + "]".repeat(1001) + "\n", "a: " + "{b: ".repeat(1000) + "1" + "}".repeat(1000) + "\n");

    @Test
    void everyPolicyOfTheRepositoryReadsAndCompilesTheSame() throws IOException {
        List<Sample> samples = repositoryPolicies();
        // The corpus must have found the policies it is meant to cover, not silently nothing.
        assertThat(samples).hasSizeGreaterThan(120);
        assertThat(samples).anyMatch(s -> s.where().endsWith("bench/policy.yaml"));
        assertThat(samples).anyMatch(s -> s.where().endsWith("default-policy.yaml"));
        assertThat(samples).anyMatch(s -> s.where().contains("docs/policy-reference.md"));
        for (Sample sample : samples) {
            assertSame(sample);
        }
    }

    @Test
    void edgeCasesOfYamlReadAndCompileTheSame() {
        for (int i = 0; i < EDGES.size(); i++) {
            assertSame(new Sample("edge case " + i, EDGES.get(i)));
        }
    }

    /** Where the former reader silently read something else: an alias as its anchor's name, a second document not at all. */
    @Test
    void anAliasAndASecondDocumentAreProblemsWhereTheFormerReaderReadSomethingElse() {
        assertThat(problemsOf("a: &x 1\nb: *x\n")).containsExactly(
                "p.yaml:2:4: the alias *x is not supported in a policy: write the value out where it is used");
        assertThat(problemsOf("a: &x [1, 2]\nc: [1, *x]\n")).containsExactly(
                "p.yaml:2:8: the alias *x is not supported in a policy: write the value out where it is used");
        assertThat(problemsOf("version: 1\n---\nversion: 2\n")).containsExactly(
                "p.yaml:2:1: a second YAML document is not read: a policy is one document; remove this '---' and"
                        + " merge what follows into the first");
        assertThat(problemsOf("version: 1\n...\n---\nfiles: {read: [\"/**\"]}\n")).hasSize(1);
        assertThat(problemsOf("---\nversion: 1\n...\n")).isEmpty();
        assertThat(problemsOf("{\"a\": 1}\n{\"b\": 2}\n")).singleElement().asString()
                .contains("not valid YAML").contains("expected '<document start>'");
    }

    private static List<String> problemsOf(String text) {
        Problems problems = new Problems("p.yaml");
        new YamlReader(problems).read(text);
        return problems.lines();
    }

    @Test
    void aNumberTaggedWithoutDigitsIsAProblemWhereTheFormerReaderThrew() {
        for (String text : IMPROVED) {
            Problems problems = new Problems("p.yaml");
            assertThat(new YamlReader(problems).read(text)).isNull();
            assertThat(problems.lines()).containsExactly("p.yaml:1:" + (text.length()) + ": not valid YAML: the value of 'a' is not a value");
        }
    }

    @Test
    void theComparisonOfCompiledPoliciesSeesADifferentRule() {
        Object one = compile("version: 1\nfiles:\n  read: [\"/a/**\"]\n", (p, t) -> new YamlReader(p).read(t));
        Object other = compile("version: 1\nfiles:\n  read: [\"/b/**\"]\n", (p, t) -> new YamlReader(p).read(t));
        List<String> differences = new ArrayList<>();
        compare("policy", one, other, new IdentityHashMap<>(), differences);
        assertThat(one).isInstanceOf(Policy.class);
        assertThat(differences).isNotEmpty();
    }

    @Test
    void binaryThatIsNotBase64IsNotValidYamlAtTheSamePlace() {
        String text = "a: !!binary '***'\n";
        Problems former = new Problems("p.yaml");
        Problems problems = new Problems("p.yaml");
        new JacksonYamlReader(former).read(text);
        assertThat(new YamlReader(problems).read(text)).isNull();
        assertThat(former.lines()).containsExactly(
                "p.yaml:1:18: not valid YAML: Illegal character '*' (code 0x2a) in base64 content");
        assertThat(problems.lines()).containsExactly(
                "p.yaml:1:18: not valid YAML: unexpected YAML token VALUE_EMBEDDED_OBJECT");
    }

    private static void assertSame(Sample sample) {
        Problems oldProblems = new Problems("p.yaml");
        Problems newProblems = new Problems("p.yaml");
        String oldTree = dump(new JacksonYamlReader(oldProblems).read(sample.text()));
        String newTree = dump(new YamlReader(newProblems).read(sample.text()));
        if (oldProblems.isEmpty() && newProblems.lines().size() == 1
                && (newProblems.lines().get(0).contains("not valid YAML")
                        || newProblems.lines().get(0).contains("a second YAML document"))
                && !newTree.equals("null")) {
            // Text after the first document (Java literals of JSON lines, of a chat, a message with "---" in it;
            // not policies): the former reader stopped after the first document, this one reads to the end and
            // reports what follows. The first document still reads to the same tree.
            assertThat(newTree).as("tree of %s", sample.where()).isEqualTo(oldTree);
            return;
        }
        assertThat(newProblems.lines()).as("YAML problems of %s", sample.where()).isEqualTo(oldProblems.lines());
        assertThat(newTree).as("tree of %s", sample.where()).isEqualTo(oldTree);

        Object oldResult = compile(sample.text(), (problems, text) -> new JacksonYamlReader(problems).read(text));
        Object newResult = compile(sample.text(), (problems, text) -> new YamlReader(problems).read(text));
        if (oldResult instanceof Policy && newResult instanceof Policy) {
            List<String> differences = new ArrayList<>();
            compare("policy", oldResult, newResult, new IdentityHashMap<>(), differences);
            assertThat(differences).as("compiled policy of %s", sample.where()).isEmpty();
        } else {
            assertThat(newResult).as("compiled %s", sample.where()).isEqualTo(oldResult);
        }
    }

    /** The compiled policy, or its problems. */
    private static Object compile(String text, PolicyLoader.TreeReader reader) {
        try {
            return PolicyLoader.parse("p.yaml", "/etc/agent/p.yaml", text, CONTEXT, Overrides.NONE, reader);
        } catch (PolicyException e) {
            return e.problems();
        }
    }

    private static String dump(YamlNode node) {
        StringBuilder out = new StringBuilder();
        dump(node, out);
        return out.toString();
    }

    private static void dump(YamlNode node, StringBuilder out) {
        if (node == null) {
            out.append("null");
            return;
        }
        out.append(node.line()).append(':').append(node.column()).append(' ');
        if (node instanceof YamlNode.ScalarNode) {
            YamlNode.ScalarNode s = (YamlNode.ScalarNode) node;
            out.append(s.type()).append('[').append(s.text()).append(']');
        } else if (node instanceof YamlNode.ListNode) {
            out.append('[');
            for (YamlNode item : ((YamlNode.ListNode) node).items()) {
                dump(item, out);
                out.append(", ");
            }
            out.append(']');
        } else {
            out.append('{');
            for (YamlNode.Entry e : ((YamlNode.MapNode) node).entries().values()) {
                out.append(e.line()).append(':').append(e.column()).append(' ').append(e.key()).append(" = ");
                dump(e.value(), out);
                out.append(", ");
            }
            out.append('}');
        }
    }

    /**
     * Compares two compiled object graphs field by field: the policy's own classes by their fields, the
     * JDK's collections by their elements, other JDK values by {@code equals}, regular expressions by
     * their pattern. A graph already being compared is not entered again.
     */
    private static void compare(String path, Object a, Object b, Map<Object, Object> seen, List<String> out) {
        if (a == null || b == null) {
            if (a != b) {
                out.add(path + ": " + a + " vs " + b);
            }
            return;
        }
        if (a.getClass() != b.getClass()) {
            out.add(path + ": " + a.getClass() + " vs " + b.getClass());
            return;
        }
        if (seen.put(a, b) != null) {
            return;
        }
        Class<?> type = a.getClass();
        if (type.isArray()) {
            if (Array.getLength(a) != Array.getLength(b)) {
                out.add(path + ": length " + Array.getLength(a) + " vs " + Array.getLength(b));
                return;
            }
            for (int i = 0; i < Array.getLength(a); i++) {
                compare(path + "[" + i + "]", Array.get(a, i), Array.get(b, i), seen, out);
            }
        } else if (a instanceof Map) {
            compareIterators(path, ((Map<?, ?>) a).entrySet().iterator(), ((Map<?, ?>) b).entrySet().iterator(),
                    seen, out);
        } else if (a instanceof Map.Entry) {
            compare(path + ".key", ((Map.Entry<?, ?>) a).getKey(), ((Map.Entry<?, ?>) b).getKey(), seen, out);
            compare(path + ".value", ((Map.Entry<?, ?>) a).getValue(), ((Map.Entry<?, ?>) b).getValue(), seen, out);
        } else if (a instanceof Iterable) {
            compareIterators(path, ((Iterable<?>) a).iterator(), ((Iterable<?>) b).iterator(), seen, out);
        } else if (a instanceof Enum) {
            if (a != b) {
                out.add(path + ": " + a + " vs " + b);
            }
        } else if (a instanceof Pattern) {
            if (!((Pattern) a).pattern().equals(((Pattern) b).pattern())) {
                out.add(path + ": " + a + " vs " + b);
            }
        } else if (type.getName().startsWith("dev.agentguard.")) {
            for (Class<?> c = type; c != null && c.getName().startsWith("dev.agentguard."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    try {
                        compare(path + "." + f.getName(), f.get(a), f.get(b), seen, out);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        } else if (!a.equals(b) && !type.isSynthetic() && !type.isHidden()) {
            out.add(path + ": " + a + " vs " + b);
        }
    }

    private static void compareIterators(String path, Iterator<?> a, Iterator<?> b, Map<Object, Object> seen,
                                         List<String> out) {
        int i = 0;
        while (a.hasNext() && b.hasNext()) {
            compare(path + "[" + i++ + "]", a.next(), b.next(), seen, out);
        }
        if (a.hasNext() || b.hasNext()) {
            out.add(path + ": different sizes after " + i);
        }
    }

    // ---- The corpus: every policy the repository holds.

    private record Sample(String where, String text) {}

    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JOINED = Pattern.compile("String\\.join\\(\"\\\\n\",");
    /** A one-line string literal that holds a line break: {@code problems("version: 1\nfiles: ...")}. */
    private static final Pattern NEWLINE_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*\\\\n(?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);

    private static List<Sample> repositoryPolicies() throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPO)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !REPO.relativize(p).toString().contains("target/"))
                    .filter(p -> !REPO.relativize(p).startsWith(".git"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String where = REPO.relativize(file).toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                samples.add(new Sample(where, Files.readString(file, StandardCharsets.UTF_8)));
            } else if (name.endsWith(".md")) {
                Matcher m = YAML_BLOCK.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    samples.add(new Sample(where + " block at " + m.start(), m.group(1)));
                }
            } else if (name.endsWith(".java") && where.contains("src/test/java")
                    && !name.equals("YamlReaderParityTest.java")) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher joined = JOINED.matcher(source);
                while (joined.find()) {
                    String text = joinedLiterals(source, joined.end());
                    if (text.contains(":")) {
                        samples.add(new Sample(where + " at " + joined.start(), text));
                    }
                }
                Matcher literal = NEWLINE_LITERAL.matcher(source);
                while (literal.find()) {
                    String text = unescaped(literal.group(1));
                    if (text != null && text.contains(":")) {
                        samples.add(new Sample(where + " literal at " + literal.start(), text));
                    }
                }
                Matcher block = TEXT_BLOCK.matcher(source);
                while (block.find()) {
                    if (block.group(1).contains("version")) {
                        samples.add(new Sample(where + " text block at " + block.start(),
                                block.group(1).stripIndent().translateEscapes()));
                    }
                }
            }
        }
        return samples;
    }

    /** The literal's text, or null where what looked like a literal was not one (an escape Java rejects). */
    private static String unescaped(String literal) {
        try {
            return literal.translateEscapes();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The string literals of a {@code String.join("\n", "a", "b")} call, joined; the call's other arguments left out. */
    private static String joinedLiterals(String source, int from) {
        List<String> parts = new ArrayList<>();
        int depth = 1;
        int i = from;
        while (i < source.length() && depth > 0) {
            char c = source.charAt(i);
            if (c == '"') {
                StringBuilder literal = new StringBuilder();
                i++;
                while (i < source.length() && source.charAt(i) != '"') {
                    if (source.charAt(i) == '\\') {
                        literal.append(source, i, i + 2);
                        i += 2;
                    } else {
                        literal.append(source.charAt(i++));
                    }
                }
                parts.add(literal.toString().translateEscapes());
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            i++;
        }
        return String.join("\n", parts);
    }
}
