package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.nativecode.NativeRules;
import java.util.List;

/** Compiles the {@code native} section (POLICY.md section 7). */
final class NativeSection {
    private NativeSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode natives = s.nodes.map(node, "native", List.of("load"));
        NativeRules.Builder rules = NativeRules.builder();
        for (YamlNode.ScalarNode entry : s.nodes.strings(Nodes.get(natives, "load"), "native.load")) {
            if (entry == null) {
                continue;
            }
            String expanded = s.expand(entry);
            if (expanded == null) {
                continue;
            }
            try {
                rules.add(entry.text(), expanded);
            } catch (PatternException e) {
                s.nodes.problem(entry, e.getMessage());
            }
        }
        policy.natives(rules.build());
    }
}
