package dev.agentguard.policy;

/**
 * A policy value that cannot be compiled (a bad glob, CIDR, port range, size or rate).
 *
 * <p>The message says what is wrong with the value only; the loader adds {@code file:line:col}.
 */
public final class PatternException extends Exception {
    private static final long serialVersionUID = 1L;

    public PatternException(String message) {
        super(message, null, false, false);
    }
}
