package dev.agentguard.agent.audit;

import dev.agentguard.policy.Category;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of decided calls per category and decision, for the {@code guard}/{@code summary} record.
 *
 * <p>{@link AuditLog#write} counts each record it writes. A call that is decided but not recorded (an
 * allowed call under {@code audit.allowed: none}, or one {@link FirstSeen} has seen before) must be
 * counted by the guard with {@link #increment}, which allocates nothing, so that the summary counts
 * every decided call exactly once.
 */
public final class AuditCounters {
    private static final Category[] CATEGORIES = Category.values();
    private static final AuditDecision[] DECISIONS = AuditDecision.values();

    private final AtomicLongArray counts = new AtomicLongArray(CATEGORIES.length * DECISIONS.length);

    /** Counts one call. Thread-safe and allocation-free. */
    public void increment(Category category, AuditDecision decision) {
        counts.incrementAndGet(index(category, decision));
    }

    public long get(Category category, AuditDecision decision) {
        return counts.get(index(category, decision));
    }

    /**
     * A snapshot for the summary's {@code details}: every category in declaration order, each with every
     * decision ({@code {"file":{"allow":3,"deny":1,"would_deny":0},...}}), zeros included, so that the
     * shape does not depend on what happened.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Category c : CATEGORIES) {
            Map<String, Object> perDecision = new LinkedHashMap<>();
            for (AuditDecision d : DECISIONS) {
                perDecision.put(d.wireName(), get(c, d));
            }
            all.put(c.wireName(), perDecision);
        }
        return all;
    }

    private static int index(Category category, AuditDecision decision) {
        return category.ordinal() * DECISIONS.length + decision.ordinal();
    }
}
