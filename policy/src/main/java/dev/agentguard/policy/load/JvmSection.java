package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.jvm.JvmRules;
import java.util.List;

/** Compiles the {@code jvm} section (policy reference section 11a). */
final class JvmSection {
    private JvmSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode jvm = s.nodes.map(node, "jvm",
                List.of("diagnostics", "heap_dump", "jfr", "require_attach_disabled"));
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
        rules.jfr(bool(s, jvm, "jfr"));
        rules.requireAttachDisabled(bool(s, jvm, "require_attach_disabled"));
        policy.jvm(rules.build());
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
