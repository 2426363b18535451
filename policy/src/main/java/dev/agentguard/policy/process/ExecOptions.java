package dev.agentguard.policy.process;

import dev.agentguard.policy.env.EnvNamePattern;
import java.util.List;

/**
 * What an exec rule written as a map adds to its argv pattern: which variables the application may set
 * for the child, how long the child may run, and whether a JVM child is guarded.
 *
 * @param env           names or globs the application may put into the child's environment; an
 *                      {@linkplain InterpreterVariables interpreter variable} only by its exact name
 * @param timeoutMillis the child's time limit; 0 means the section's {@code process.timeout}
 * @param guardChildJvm whether a JVM started by this rule runs under the guard (the default)
 */
public record ExecOptions(List<EnvNamePattern> env, long timeoutMillis, boolean guardChildJvm) {
    /** A rule written as a plain argv list. */
    public static final ExecOptions PLAIN = new ExecOptions(List.of(), 0, true);

    public ExecOptions {
        env = List.copyOf(env);
    }

    /** Whether this rule lets the application set {@code name} for its child. */
    public boolean passes(String name) {
        boolean interpreter = InterpreterVariables.contains(name);
        for (EnvNamePattern p : env) {
            if (interpreter ? !p.isGlob() && p.text().equals(name) : p.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
