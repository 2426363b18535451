package dev.agentguard.agent.enforce;

import dev.agentguard.policy.Decision;

/**
 * The allowed lexical read decisions on names as given (the check a read open or a listing makes before the
 * open, with no system call): a pure function of the text and the policy, which is fixed for the guard's life,
 * so the same text gets the same decision without a policy walk. Direct-mapped by the text's hash (cached in
 * the {@code String}), bounded, entries immutable; finding one allocates nothing. Denials are not kept: each is
 * decided and recorded as before. What the name reaches is decided after the open, on the descriptor.
 */
final class NameDecisions {
    static final int SLOTS = 1024;

    private final Entry[] slots = new Entry[SLOTS];

    /** The allowed decision on {@code given}, or null. */
    Decision find(String given) {
        Entry e = slots[given.hashCode() & (SLOTS - 1)];
        return e != null && (e.given == given || e.given.equals(given)) ? e.decision : null;
    }

    /** Keeps {@code decision} on {@code given} when it allows and the text is not too long to keep. */
    void remember(String given, Decision decision) {
        if (decision.allowed() && given.length() <= GivenForms.LONGEST_KEPT) {
            slots[given.hashCode() & (SLOTS - 1)] = new Entry(given, decision);
        }
    }

    private static final class Entry {
        final String given;
        final Decision decision;

        Entry(String given, Decision decision) {
            this.given = given;
            this.decision = decision;
        }
    }
}
