package dev.agentguard.policy.load;

import dev.agentguard.policy.Budgets;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.budget.Rate;
import dev.agentguard.policy.budget.RateCategory;
import dev.agentguard.policy.budget.Size;
import dev.agentguard.policy.net.BudgetHost;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles the {@code budgets} section (POLICY.md section 11) into limits. */
final class BudgetsSection {
    private static final List<String> KEYS = List.of("outbound_bytes", "outbound_bytes_per_host", "rate");

    private BudgetsSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode budgets = s.nodes.map(node, "budgets", KEYS);
        long total = -1;
        YamlNode.ScalarNode totalNode = s.nodes.string(Nodes.get(budgets, "outbound_bytes"),
                "budgets.outbound_bytes", true);
        if (totalNode != null) {
            total = size(totalNode, s);
        }
        Map<String, Long> perHost = new LinkedHashMap<>();
        YamlNode.MapNode hosts = s.nodes.map(Nodes.get(budgets, "outbound_bytes_per_host"),
                "budgets.outbound_bytes_per_host", null);
        if (hosts != null) {
            for (YamlNode.Entry entry : hosts.entries().values()) {
                try {
                    BudgetHost.parse(entry.key());
                } catch (PatternException e) {
                    s.nodes.problem(new KeyAt(entry), e.getMessage());
                    continue;
                }
                YamlNode.ScalarNode value = s.nodes.string(entry.value(),
                        "budgets.outbound_bytes_per_host." + entry.key(), true);
                if (value != null) {
                    perHost.put(entry.key().toLowerCase(java.util.Locale.ROOT), size(value, s));
                }
            }
        }
        Map<RateCategory, Rate> rates = new EnumMap<>(RateCategory.class);
        YamlNode.MapNode rateMap = s.nodes.map(Nodes.get(budgets, "rate"), "budgets.rate", null);
        if (rateMap != null) {
            for (YamlNode.Entry entry : rateMap.entries().values()) {
                RateCategory category;
                try {
                    category = RateCategory.fromYamlName(entry.key());
                } catch (PatternException e) {
                    s.nodes.problem(new KeyAt(entry), e.getMessage());
                    continue;
                }
                YamlNode.ScalarNode value = s.nodes.string(entry.value(), "budgets.rate." + entry.key(), false);
                if (value == null) {
                    continue;
                }
                try {
                    rates.put(category, Rate.parse(value.text()));
                } catch (PatternException e) {
                    s.nodes.problem(value, e.getMessage());
                }
            }
        }
        policy.budgets(new Budgets(total, perHost, rates));
    }

    private static long size(YamlNode.ScalarNode node, SectionContext s) {
        try {
            return Size.parse(node.text()).bytes();
        } catch (PatternException e) {
            s.nodes.problem(node, e.getMessage());
            return -1;
        }
    }

    /** A position at a map key, for problems with the key itself. */
    private static final class KeyAt extends YamlNode {
        KeyAt(YamlNode.Entry entry) {
            super(entry.line(), entry.column());
        }

        @Override
        public String kind() {
            return "a key";
        }
    }
}
