package dev.agentguard.policy;

/**
 * The {@code audit} section: where the log goes (absolute, resolved against {@code ${workdir}}) and which
 * allowed calls it records.
 */
public record AuditSettings(String file, Allowed allowed) {

    /** Which allowed calls are recorded; every denial is recorded whatever this says. */
    public enum Allowed {
        NONE, FIRST, ALL;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
