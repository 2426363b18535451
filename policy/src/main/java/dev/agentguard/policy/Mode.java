package dev.agentguard.policy;

/** Section 10: enforce blocks what the policy denies; audit only records it as {@code would_deny}. */
public enum Mode {
    ENFORCE, AUDIT;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
