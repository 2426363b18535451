package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.jvm.AgentGrant;
import dev.agentguard.policy.jvm.JvmRules;
import java.util.List;

/** Compiles the {@code jvm} section (policy reference section 11a). */
final class JvmSection {
    private JvmSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode jvm = s.nodes.map(node, "jvm",
                List.of("diagnostics", "heap_dump", "jfr", "require_attach_disabled", "agents"));
        JvmRules.Builder rules = JvmRules.builder();
        for (YamlNode.ScalarNode entry : s.nodes.strings(Nodes.get(jvm, "diagnostics"), "jvm.diagnostics")) {
            if (entry == null) {
                continue;
            }
            try {
                rules.diagnostic(entry.text());
            } catch (PatternException e) {
                s.nodes.problem(entry, e.getMessage());
            }
        }
        for (YamlNode.ScalarNode entry : s.nodes.strings(Nodes.get(jvm, "heap_dump"), "jvm.heap_dump")) {
            String expanded = entry == null ? null : s.expand(entry);
            if (expanded == null) {
                continue;
            }
            try {
                rules.heapDump(entry.text(), expanded);
            } catch (PatternException e) {
                s.nodes.problem(entry, e.getMessage());
            }
        }
        agents(Nodes.get(jvm, "agents"), s, rules);
        rules.jfr(bool(s, jvm, "jfr"));
        rules.requireAttachDisabled(bool(s, jvm, "require_attach_disabled"));
        policy.jvm(rules.build());
    }

    private static final List<String> AGENT_KEYS = List.of("path", "sha256");

    /** {@code jvm.agents}: paths, or maps {@code {path, sha256}}. */
    private static void agents(YamlNode node, SectionContext s, JvmRules.Builder rules) {
        if (Nodes.isAbsent(node)) {
            return;
        }
        if (!(node instanceof YamlNode.ListNode)) {
            s.nodes.problem(node, "'jvm.agents' must be a list of paths or {path, sha256} maps, not " + node.kind());
            return;
        }
        List<YamlNode> items = ((YamlNode.ListNode) node).items();
        for (int i = 0; i < items.size(); i++) {
            String at = "jvm.agents[" + i + "]";
            YamlNode item = items.get(i);
            YamlNode pathNode = item;
            YamlNode.ScalarNode sha = null;
            if (item instanceof YamlNode.MapNode) {
                YamlNode.MapNode map = s.nodes.map(item, at, AGENT_KEYS);
                pathNode = Nodes.get(map, "path");
                YamlNode shaNode = Nodes.get(map, "sha256");
                sha = Nodes.isAbsent(shaNode) ? null : s.nodes.string(shaNode, at + ".sha256", true);
                if (!Nodes.isAbsent(shaNode) && sha == null) {
                    continue;
                }
            }
            YamlNode.ScalarNode path = Nodes.isAbsent(pathNode) ? null : s.nodes.string(pathNode, at + ".path", false);
            if (path == null) {
                if (Nodes.isAbsent(pathNode)) {
                    s.nodes.problem(item, "'" + at + "' needs a path");
                }
                continue;
            }
            String expanded = s.expand(path);
            if (expanded == null) {
                continue;
            }
            try {
                rules.agent(AgentGrant.of(path.text(), expanded, sha == null ? null : sha.text()));
            } catch (PatternException e) {
                s.nodes.problem(sha != null && e.getMessage().contains("sha256") ? sha : path, e.getMessage());
            }
        }
    }

    /** An absent key is false; anything but a YAML boolean is a problem. */
    private static boolean bool(SectionContext s, YamlNode.MapNode jvm, String key) {
        YamlNode value = Nodes.get(jvm, key);
        if (Nodes.isAbsent(value)) {
            return false;
        }
        if (value instanceof YamlNode.ScalarNode scalar && scalar.type() == YamlNode.ScalarNode.Type.BOOLEAN
                && (scalar.text().equals("true") || scalar.text().equals("false"))) {
            return scalar.text().equals("true");
        }
        s.nodes.problem(value, "'jvm." + key + "' must be true or false");
        return false;
    }
}
