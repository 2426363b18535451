package dev.agentguard.policy;

/**
 * The {@code audit} section: where the log goes (absolute, resolved against {@code ${workdir}}), which
 * allowed calls it records, whether a denial message lists what is granted instead
 * ({@code message_grants}), and whether denials are also shown on the console ({@code console}).
 */
public record AuditSettings(String file, Allowed allowed, boolean messageGrants, Console console) {

    /** Recorded as {@code allowed} says; no grants in messages, no console lines (the defaults). */
    public AuditSettings(String file, Allowed allowed) {
        this(file, allowed, false, Console.NONE);
    }

    /** The same settings writing to another file (the {@code audit=} agent argument). */
    public AuditSettings withFile(String otherFile) {
        return new AuditSettings(otherFile, allowed, messageGrants, console);
    }

    /** Which allowed calls are recorded; every denial is recorded whatever this says. */
    public enum Allowed {
        NONE, FIRST, ALL;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the guard writes to the JVM's standard error: nothing, or one line per distinct denial. */
    public enum Console {
        NONE, DENIALS;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
