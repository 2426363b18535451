package dev.agentguard.policy.load;

import dev.agentguard.policy.Mode;

/**
 * Settings given on the {@code -javaagent} line that win over the policy file (POLICY.md section 1).
 * They are applied while loading, so that a moved audit log is protected where it really is.
 *
 * @param mode      {@code mode=}, or null to keep the file's
 * @param auditFile {@code audit=}, or null to keep the file's; relative to {@code ${workdir}}
 */
public record Overrides(Mode mode, String auditFile) {
    public static final Overrides NONE = new Overrides(null, null);
}
