package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.env.EnvNamePattern;
import dev.agentguard.policy.process.ArgvPattern;
import dev.agentguard.policy.process.ProcessRules;
import dev.agentguard.policy.shell.TrustedShells;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the {@code process} section (POLICY.md section 5). The {@code process.env.strip} names are
 * handed to {@link EnvSection} through {@link #strip}, since the env rules decide what a child inherits.
 */
final class ProcessSection {
    private static final List<String> KEYS = List.of("exec", "deny", "env", "shell");

    private ProcessSection() {}

    static List<EnvNamePattern> compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode process = s.nodes.map(node, "process", KEYS);
        List<ArgvPattern> exec = patterns(process, "exec", s);
        List<ArgvPattern> deny = patterns(process, "deny", s);
        policy.processes(ProcessRules.of(exec, deny));
        policy.shells(shell(process, s));
        return strip(process, s);
    }

    private static List<ArgvPattern> patterns(YamlNode.MapNode process, String key, SectionContext s) {
        List<ArgvPattern> out = new ArrayList<>();
        List<List<YamlNode.ScalarNode>> lists = s.nodes.stringLists(Nodes.get(process, key), "process." + key);
        for (List<YamlNode.ScalarNode> argv : lists) {
            if (argv == null || argv.isEmpty() || argv.contains(null)) {
                continue;
            }
            List<String> expanded = new ArrayList<>();
            for (YamlNode.ScalarNode element : argv) {
                String value = s.expand(element);
                if (value == null) {
                    break;
                }
                expanded.add(value);
            }
            if (expanded.size() != argv.size()) {
                continue;
            }
            try {
                out.add(ArgvPattern.compile(expanded, s.jvm.path()));
            } catch (PatternException e) {
                s.nodes.problem(argv.get(0), e.getMessage());
            }
        }
        return out;
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

    private static List<EnvNamePattern> strip(YamlNode.MapNode process, SectionContext s) {
        YamlNode.MapNode env = s.nodes.map(Nodes.get(process, "env"), "process.env", List.of("strip"));
        List<EnvNamePattern> out = new ArrayList<>();
        for (YamlNode.ScalarNode name : s.nodes.strings(Nodes.get(env, "strip"), "process.env.strip")) {
            if (name == null) {
                continue;
            }
            try {
                out.add(EnvNamePattern.compile(name.text()));
            } catch (PatternException e) {
                s.nodes.problem(name, e.getMessage());
            }
        }
        return out;
    }
}
