package dev.agentguard.agent.enforce;

import dev.agentguard.policy.Decision;

/**
 * The allowed lexical read decisions on names as given (the check a read open or a listing makes before the
 * open, with no system call): a pure function of the text and the policy, which is fixed for the guard's life,
 * so the same text gets the same decision without a policy walk ({@link TextMemory}: finding one allocates
 * nothing). Denials are not kept: each is decided and recorded as before. What the name reaches is decided after
 * the open, on the descriptor.
 */
final class NameDecisions {
    static final int SLOTS = 1024;

    private final TextMemory<Decision> decisions = new TextMemory<>(SLOTS);

    /** The allowed decision on {@code given}, or null. */
    Decision find(String given) {
        return decisions.find(given);
    }

    /** Keeps {@code decision} on {@code given} when it allows (and the text is not too long to keep). */
    void remember(String given, Decision decision) {
        if (decision.allowed()) {
            decisions.remember(given, decision);
        }
    }
}
