package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.env.EnvNamePattern;
import dev.agentguard.policy.process.ArgvPattern;
import dev.agentguard.policy.process.ExecOptions;
import dev.agentguard.policy.process.InterpreterVariables;
import dev.agentguard.policy.process.ProcessRules;
import dev.agentguard.policy.process.Timeout;
import dev.agentguard.policy.shell.TrustedShells;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the {@code process} section (POLICY.md section 5, and the child lifecycle and environment keys of
 * the policy reference). The {@code process.env.strip} names are handed to {@link EnvSection} through
 * {@link #strip}, since the env rules decide what a child inherits.
 *
 * <p>A {@code process.exec} entry is an argv list, or a map whose {@code argv} is that list and whose other
 * keys ({@code env}, {@code timeout}, {@code guard}) are the rule's {@link ExecOptions}.
 */
final class ProcessSection {
    private static final List<String> KEYS = List.of("exec", "deny", "env", "timeout", "on_exit", "shell");
    private static final List<String> RULE_KEYS = List.of("argv", "env", "timeout", "guard");
    private static final List<String> ENV_KEYS = List.of("strip", "pass");

    private ProcessSection() {}

    static List<EnvNamePattern> compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode process = s.nodes.map(node, "process", KEYS);
        List<ArgvPattern> exec = execRules(Nodes.get(process, "exec"), s);
        List<ArgvPattern> deny = new ArrayList<>();
        for (List<YamlNode.ScalarNode> argv : s.nodes.stringLists(Nodes.get(process, "deny"), "process.deny")) {
            ArgvPattern p = pattern(argv, s);
            if (p != null) {
                deny.add(p);
            }
        }
        YamlNode.MapNode env = s.nodes.map(Nodes.get(process, "env"), "process.env", ENV_KEYS);
        long timeout = timeout(Nodes.get(process, "timeout"), "process.timeout", s);
        boolean keep = onExit(Nodes.get(process, "on_exit"), s);
        List<EnvNamePattern> pass = names(Nodes.get(env, "pass"), "process.env.pass", s, true);
        policy.processes(ProcessRules.of(exec, deny, new ProcessRules.Lifecycle(timeout, keep, pass)));
        policy.shells(shell(process, s));
        return names(Nodes.get(env, "strip"), "process.env.strip", s, false);
    }

    private static List<ArgvPattern> execRules(YamlNode node, SectionContext s) {
        List<ArgvPattern> out = new ArrayList<>();
        if (Nodes.isAbsent(node)) {
            return out;
        }
        if (!(node instanceof YamlNode.ListNode)) {
            s.nodes.problem(node, "'process.exec' must be a list of argv lists, not " + node.kind());
            return out;
        }
        List<YamlNode> items = ((YamlNode.ListNode) node).items();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = "process.exec[" + i + "]";
            if (item instanceof YamlNode.MapNode) {
                ArgvPattern rule = mapRule((YamlNode.MapNode) item, path, s);
                if (rule != null) {
                    out.add(rule);
                }
                continue;
            }
            if (!(item instanceof YamlNode.ListNode) || ((YamlNode.ListNode) item).items().isEmpty()) {
                s.nodes.problem(item, "'" + path + "' must be a non-empty argv list such as [\"git\", \"status\"],"
                        + " or a map with argv:, not " + (item instanceof YamlNode.ListNode ? "an empty list" : item.kind()));
                continue;
            }
            ArgvPattern p = pattern(s.nodes.strings(item, path), s);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code {argv: [...], env: [...], timeout: 30s, guard: false}} */
    private static ArgvPattern mapRule(YamlNode.MapNode map, String path, SectionContext s) {
        s.nodes.map(map, path, RULE_KEYS);
        YamlNode argvNode = Nodes.get(map, "argv");
        if (Nodes.isAbsent(argvNode) || !(argvNode instanceof YamlNode.ListNode)
                || ((YamlNode.ListNode) argvNode).items().isEmpty()) {
            s.nodes.problem(argvNode == null ? map : argvNode, "'" + path + ".argv' must be a non-empty argv list"
                    + " such as [\"git\", \"status\"]" + (argvNode == null ? " (the key is missing)" : ""));
            return null;
        }
        ArgvPattern p = pattern(s.nodes.strings(argvNode, path + ".argv"), s);
        List<EnvNamePattern> env = names(Nodes.get(map, "env"), path + ".env", s, false);
        long timeout = timeout(Nodes.get(map, "timeout"), path + ".timeout", s);
        boolean guard = true;
        YamlNode guardNode = Nodes.get(map, "guard");
        if (!Nodes.isAbsent(guardNode)) {
            if (guardNode instanceof YamlNode.ScalarNode
                    && ((YamlNode.ScalarNode) guardNode).type() == YamlNode.ScalarNode.Type.BOOLEAN) {
                guard = Boolean.parseBoolean(((YamlNode.ScalarNode) guardNode).text());
            } else {
                s.nodes.problem(guardNode, "'" + path + ".guard' must be true or false, not " + guardNode.kind());
            }
        }
        return p == null ? null : p.withOptions(new ExecOptions(env, timeout, guard));
    }

    private static ArgvPattern pattern(List<YamlNode.ScalarNode> argv, SectionContext s) {
        if (argv == null || argv.isEmpty() || argv.contains(null)) {
            return null;
        }
        List<String> expanded = new ArrayList<>();
        for (YamlNode.ScalarNode element : argv) {
            String value = s.expand(element);
            if (value == null) {
                return null;
            }
            expanded.add(value);
        }
        try {
            return ArgvPattern.compile(expanded, s.jvm.path());
        } catch (PatternException e) {
            s.nodes.problem(argv.get(0), e.getMessage());
            return null;
        }
    }

    private static long timeout(YamlNode node, String path, SectionContext s) {
        YamlNode.ScalarNode text = s.nodes.string(node, path, false);
        if (text == null) {
            return 0;
        }
        try {
            return Timeout.parseMillis(text.text());
        } catch (PatternException e) {
            s.nodes.problem(text, "'" + path + "': " + e.getMessage());
            return 0;
        }
    }

    private static boolean onExit(YamlNode node, SectionContext s) {
        YamlNode.ScalarNode text = s.nodes.string(node, "process.on_exit", false);
        if (text == null || text.text().equals("kill")) {
            return false;
        }
        if (text.text().equals("keep")) {
            return true;
        }
        s.nodes.problem(text, "unknown process.on_exit '" + text.text() + "' (expected: kill, keep)");
        return false;
    }

    /** {@code process.shell: decompose | off} (default off): which shells' {@code -c} scripts are decomposed. */
    private static TrustedShells shell(YamlNode.MapNode process, SectionContext s) {
        YamlNode raw = Nodes.get(process, "shell");
        if (raw instanceof YamlNode.ScalarNode && ((YamlNode.ScalarNode) raw).type() == YamlNode.ScalarNode.Type.BOOLEAN) {
            // YAML 1.1 reads an unquoted off as the boolean false.
            String text = ((YamlNode.ScalarNode) raw).text().toLowerCase(java.util.Locale.ROOT);
            if (!text.equals("false") && !text.equals("off") && !text.equals("no")) {
                s.nodes.problem(raw, "unknown value '" + ((YamlNode.ScalarNode) raw).text()
                        + "' for 'process.shell' (expected: decompose, off)");
            }
            return TrustedShells.none();
        }
        YamlNode.ScalarNode node = s.nodes.string(raw, "process.shell", false);
        if (node == null || node.text().equals("off")) {
            return TrustedShells.none();
        }
        if (!node.text().equals("decompose")) {
            s.nodes.problem(node, "unknown value '" + node.text() + "' for 'process.shell' (expected: decompose, off)");
            return TrustedShells.none();
        }
        return TrustedShells.find(s.jvm.path());
    }

    /**
     * Variable names or globs. In {@code process.env.pass} an interpreter variable, or a glob that only
     * such variables could match, is an error: that list never grants them, so the entry would mislead.
     */
    private static List<EnvNamePattern> names(YamlNode node, String path, SectionContext s, boolean noInterpreters) {
        List<EnvNamePattern> out = new ArrayList<>();
        for (YamlNode.ScalarNode name : s.nodes.strings(node, path)) {
            if (name == null) {
                continue;
            }
            try {
                EnvNamePattern p = EnvNamePattern.compile(name.text());
                if (noInterpreters && !p.isGlob() && InterpreterVariables.contains(name.text())) {
                    s.nodes.problem(name, "'" + path + "' cannot grant " + name.text() + ": "
                            + InterpreterVariables.why(name.text()) + "; name it in the env: list of the exec"
                            + " rule that needs it");
                    continue;
                }
                out.add(p);
            } catch (PatternException e) {
                s.nodes.problem(name, e.getMessage());
            }
        }
        return out;
    }
}
