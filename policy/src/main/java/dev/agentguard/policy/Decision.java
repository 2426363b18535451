package dev.agentguard.policy;

/**
 * The answer of the policy to one request: allowed or denied, the rule that decided, and a reason.
 *
 * <p>{@code rule} names a policy entry ({@code files.deny[2]}, {@code network.connect[0]}), or one of the
 * fixed ids {@code default-deny}, {@code baseline}, {@code protected}, {@code killswitch}.
 * {@code reason} is one line written for the model or person who reads the denial: what matched and,
 * for a denial, what is granted instead. It never contains a secret value.
 *
 * <p>Allowed decisions are built once, when the policy is compiled, and returned as the same instance
 * on every call: the allowed path allocates nothing.
 */
public final class Decision {
    private final boolean allowed;
    private final String rule;
    private final String reason;

    private Decision(boolean allowed, String rule, String reason) {
        this.allowed = allowed;
        this.rule = rule;
        this.reason = reason;
    }

    public static Decision allow(String rule, String reason) {
        return new Decision(true, rule, reason);
    }

    public static Decision deny(String rule, String reason) {
        return new Decision(false, rule, reason);
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

    @Override
    public String toString() {
        return (allowed ? "allow " : "deny ") + rule + ": " + reason;
    }
}
