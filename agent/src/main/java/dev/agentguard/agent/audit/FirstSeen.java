package dev.agentguard.agent.audit;

import dev.agentguard.policy.AuditSettings;
import dev.agentguard.policy.Category;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which allowed calls are recorded (POLICY.md section 12, {@code audit.allowed}). Under
 * {@code first}, only the first call for each distinct (category, op, target) is recorded.
 *
 * <p>This sits on the allowed fast path, so a repeated triple must cost two map lookups and no
 * allocation: targets are kept per category (an array indexed by ordinal) and per op (a map keyed by
 * the op string), and looked up by the target string itself, never by a concatenated key. Only a new
 * triple allocates. {@code putIfAbsent} makes exactly one thread win a race for the same triple.
 *
 * <p>Memory is bounded: after {@code capacity} distinct triples nothing more is remembered and every
 * further unseen triple is reported as first (recorded), so no first call is ever missed; the price is
 * that those triples are recorded each time. A target longer than {@link #LONGEST_TARGET} chars is never
 * remembered and is recorded each time: the application may make texts of any length (a path far past
 * PATH_MAX, which the kernel refuses), and keeping them would keep alive what it dropped (measured: 1,000
 * relative texts of 100,000 chars asked about once each kept 200 MB of heap here). Nor is any target once the
 * targets remembered hold {@link #DEFAULT_CHARS} chars in all: 70,000 distinct relative texts of 4,000 chars
 * each, under the count, ran a JVM with {@code -Xmx256m} out of memory that runs without the guard.
 */
public final class FirstSeen {
    /** Default number of distinct triples remembered. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    /** The longest target remembered, in chars: PATH_MAX, the longest path the kernel takes. */
    public static final int LONGEST_TARGET = 4096;

    /** Default number of chars of all the targets remembered (64 to 128 MB, by the JDK's compact strings). */
    public static final long DEFAULT_CHARS = 64L << 20;

    /** Stands for a null target, which a {@code ConcurrentHashMap} cannot hold. */
    private static final String NULL_TARGET = "\u0000null";

    private final ConcurrentMap<String, ConcurrentMap<String, Boolean>>[] byCategory;
    private final AtomicInteger remembered = new AtomicInteger();
    private final AtomicLong rememberedChars = new AtomicLong();
    private final int capacity;
    private final long chars;

    public FirstSeen() {
        this(DEFAULT_CAPACITY, DEFAULT_CHARS);
    }

    public FirstSeen(int capacity) {
        this(capacity, DEFAULT_CHARS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public FirstSeen(int capacity, long chars) {
        this.capacity = capacity;
        this.chars = chars;
        Category[] categories = Category.values();
        byCategory = new ConcurrentMap[categories.length];
        for (int i = 0; i < categories.length; i++) {
            byCategory[i] = new ConcurrentHashMap<>();
        }
    }

    /**
     * Whether an allowed call must be recorded under {@code allowed}: never for {@code none}, always for
     * {@code all}, and for {@code first} only the first time its triple is seen. (Denials are always
     * recorded and never asked about here.)
     */
    public boolean shouldRecordAllowed(AuditSettings.Allowed allowed, Category category, String op, String target) {
        // if/else, not an enum switch: a switch compiles to a synthetic class loaded on first use.
        if (allowed == AuditSettings.Allowed.NONE) {
            return false;
        }
        if (allowed == AuditSettings.Allowed.ALL) {
            return true;
        }
        return firstTime(category, op, target);
    }

    /** True for exactly one caller per distinct (category, op, target); false afterwards. */
    public boolean firstTime(Category category, String op, String target) {
        String key = target == null ? NULL_TARGET : target;
        ConcurrentMap<String, ConcurrentMap<String, Boolean>> byOp = byCategory[category.ordinal()];
        ConcurrentMap<String, Boolean> targets = byOp.get(op);
        if (targets == null) {
            ConcurrentMap<String, Boolean> fresh = new ConcurrentHashMap<>();
            ConcurrentMap<String, Boolean> raced = byOp.putIfAbsent(op, fresh);
            targets = raced == null ? fresh : raced;
        }
        if (targets.get(key) != null) {
            return false;
        }
        if (remembered.get() >= capacity || key.length() > LONGEST_TARGET
                || rememberedChars.get() + key.length() > chars) {
            return true;
        }
        if (targets.putIfAbsent(key, Boolean.TRUE) != null) {
            return false;
        }
        remembered.incrementAndGet();
        rememberedChars.addAndGet(key.length());
        return true;
    }
}
