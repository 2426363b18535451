package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.env.EnvNamePattern;
import dev.agentguard.policy.env.EnvRules;
import java.util.ArrayList;
import java.util.List;

/** Compiles the {@code env} section (POLICY.md section 7) with the strip list from {@code process.env}. */
final class EnvSection {
    private EnvSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy, List<EnvNamePattern> strip) {
        YamlNode.MapNode env = s.nodes.map(node, "env", List.of("read"));
        List<EnvNamePattern> read = new ArrayList<>();
        for (YamlNode.ScalarNode name : s.nodes.strings(Nodes.get(env, "read"), "env.read")) {
            if (name == null) {
                continue;
            }
            try {
                read.add(EnvNamePattern.compile(name.text()));
            } catch (PatternException e) {
                s.nodes.problem(name, e.getMessage());
            }
        }
        policy.env(EnvRules.of(read, strip));
    }
}
