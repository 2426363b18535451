package dev.agentguard.agent.budget;

import dev.agentguard.policy.budget.Rate;
import dev.agentguard.policy.budget.RateCategory;
import java.util.EnumMap;
import java.util.Map;

/** One {@link TokenBucket} per rate category the policy limits (POLICY.md section 11); the rest are unlimited. */
public final class RateLimits {
    private final TokenBucket[] buckets = new TokenBucket[RateCategory.values().length];
    private final String[] written = new String[RateCategory.values().length];
    /** Calls each bucket refused, for the summary; counted on the refusal path only. */
    private final java.util.concurrent.atomic.AtomicLongArray refused =
            new java.util.concurrent.atomic.AtomicLongArray(RateCategory.values().length);

    public RateLimits(Map<RateCategory, Rate> rates, long nowNanos) {
        for (Map.Entry<RateCategory, Rate> e : rates.entrySet()) {
            Rate rate = e.getValue();
            buckets[e.getKey().ordinal()] = new TokenBucket(rate.tokens(), rate.periodNanos(), nowNanos);
            written[e.getKey().ordinal()] = rate.toString();
        }
    }

    /** True when the call may go on: no limit for the category, or a token was taken. */
    public boolean tryTake(RateCategory category) {
        return tryTake(category, 1);
    }

    /** Takes {@code count} tokens of one call at once, or none (one refused call when the bucket holds fewer). */
    public boolean tryTake(RateCategory category, int count) {
        TokenBucket bucket = buckets[category.ordinal()];
        if (bucket == null || bucket.tryTake(System.nanoTime(), count)) {
            return true;
        }
        refused.incrementAndGet(category.ordinal());
        return false;
    }

    /** How many calls of a category its bucket refused so far. */
    public long refused(RateCategory category) {
        return refused.get(category.ordinal());
    }

    /** The limit as written in the policy ({@code 30/min}), or null when unlimited. */
    public String limit(RateCategory category) {
        return written[category.ordinal()];
    }

    public Map<RateCategory, String> limits() {
        Map<RateCategory, String> out = new EnumMap<>(RateCategory.class);
        for (RateCategory c : RateCategory.values()) {
            if (written[c.ordinal()] != null) {
                out.put(c, written[c.ordinal()]);
            }
        }
        return out;
    }
}
