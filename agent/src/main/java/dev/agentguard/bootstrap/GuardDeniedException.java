package dev.agentguard.bootstrap;

/**
 * Thrown by a guarded JDK method that the policy denies in enforce mode (POLICY.md section 10). The
 * message starts with {@code agentguard: denied} and is one line: what was denied, which rule, and which
 * policy key decides it; what else is granted only with {@code audit.message_grants}. It is unchecked,
 * like its parent, so it passes through code that never expected it.
 *
 * <p>Lives on the bootstrap class path: it is thrown from inside {@code java.base}.
 */
public final class GuardDeniedException extends SecurityException {
    private static final long serialVersionUID = 1L;

    private final String rule;

    public GuardDeniedException(String message, String rule) {
        super(message);
        this.rule = rule;
    }

    /** The rule that decided ({@code files.deny[0]}, {@code default-deny}, ...). */
    public String rule() {
        return rule;
    }
}
