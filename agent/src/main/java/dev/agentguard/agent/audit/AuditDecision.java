package dev.agentguard.agent.audit;

import dev.agentguard.policy.Mode;

/**
 * The {@code decision} field of an audit record (POLICY.md section 12). It is separate from the policy's
 * allow/deny answer because the log also says whether a denial was enforced: in audit mode a call the
 * policy denies goes ahead and is recorded as {@code would_deny}.
 */
public enum AuditDecision {
    ALLOW("allow"),
    DENY("deny"),
    WOULD_DENY("would_deny");

    private final String wireName;

    AuditDecision(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the log. */
    public String wireName() {
        return wireName;
    }

    /**
     * The decision to record for a policy answer under {@code mode}. The killswitch denies in both modes,
     * so its caller passes {@link #DENY} directly instead of using this.
     */
    public static AuditDecision of(boolean allowed, Mode mode) {
        if (allowed) {
            return ALLOW;
        }
        return mode == Mode.AUDIT ? WOULD_DENY : DENY;
    }
}
