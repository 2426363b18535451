package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.PolicyContext;

/** What every section compiler needs: typed node access, variables, and the JVM context. */
final class SectionContext {
    final Nodes nodes;
    final Vars vars;
    final PolicyContext jvm;

    SectionContext(Nodes nodes, Vars vars, PolicyContext jvm) {
        this.nodes = nodes;
        this.vars = vars;
        this.jvm = jvm;
    }

    /** The scalar with variables expanded, or null after recording the problem at the scalar. */
    String expand(YamlNode.ScalarNode scalar) {
        try {
            return vars.expand(scalar.text());
        } catch (PatternException e) {
            nodes.problem(scalar, e.getMessage());
            return null;
        }
    }
}
