package dev.agentguard.policy;

/**
 * The answer of the policy to one request: allowed or denied, the rule that decided, and a reason.
 *
 * <p>{@code rule} names a policy entry ({@code files.deny[2]}, {@code network.connect[0]}), or one of the
 * fixed ids {@code default-deny}, {@code baseline}, {@code protected}, {@code killswitch}.
 * {@code reason} is one line written for the model or person who reads the denial: what matched, and
 * which key of the policy decides it. It never contains a secret value, and never lists what else the
 * policy grants: a denial message travels (frameworks send it to HTTP clients, agents hand it to the
 * model). That list is {@code granted}, kept apart for the audit record and, when the policy opts in
 * ({@code audit.message_grants}), the message.
 *
 * <p>Allowed decisions are built once, when the policy is compiled, and returned as the same instance
 * on every call: the allowed path allocates nothing.
 */
public final class Decision {
    private final boolean allowed;
    private final String rule;
    private final String reason;
    private final String granted;

    private Decision(boolean allowed, String rule, String reason, String granted) {
        this.allowed = allowed;
        this.rule = rule;
        this.reason = reason;
        this.granted = granted;
    }

    public static Decision allow(String rule, String reason) {
        return new Decision(true, rule, reason, null);
    }

    public static Decision deny(String rule, String reason) {
        return new Decision(false, rule, reason, null);
    }

    /** A denial by {@code default-deny}, with what the section grants instead ({@code "allowed: a, b"}). */
    public static Decision deny(String rule, String reason, String granted) {
        return new Decision(false, rule, reason, granted);
    }

    public boolean allowed() {
        return allowed;
    }

    public String rule() {
        return rule;
    }

    public String reason() {
        return reason;
    }

    /** What the section grants instead ({@code "reads are granted under: a, b"}), or null. */
    public String granted() {
        return granted;
    }

    /** The reason followed by what is granted instead, for a developer's eyes (explain, opt-in messages). */
    public String reasonWithGrants() {
        return granted == null ? reason : reason + "; " + granted;
    }

    @Override
    public String toString() {
        return (allowed ? "allow " : "deny ") + rule + ": " + reasonWithGrants();
    }
}
