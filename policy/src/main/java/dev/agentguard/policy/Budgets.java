package dev.agentguard.policy;

import dev.agentguard.policy.budget.Rate;
import dev.agentguard.policy.budget.RateCategory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code budgets} section (POLICY.md section 11) as limits; counting and enforcing them is the
 * agent's job. {@code outboundBytes} is -1 when there is no total limit.
 */
public record Budgets(long outboundBytes, Map<String, Long> outboundBytesPerHost, Map<RateCategory, Rate> rates) {

    public Budgets {
        outboundBytesPerHost = Collections.unmodifiableMap(new LinkedHashMap<>(outboundBytesPerHost));
        rates = rates.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(rates));
    }

    public static Budgets none() {
        return new Budgets(-1, Map.of(), Map.of());
    }
}
