package dev.agentguard.callers;

import dev.agentguard.agent.enforce.Enforcer;

/**
 * Two call sites of a process start outside the guard's packages, so that an audit record's {@code caller} (the
 * first frame outside the JDK and the guard) tells them apart.
 */
public final class StartCallers {
    private StartCallers() {}

    public static Object[] here(Enforcer enforcer, String program) {
        return enforcer.start(new String[] {program}, null, null, false);
    }

    public static Object[] there(Enforcer enforcer, String program) {
        return enforcer.start(new String[] {program}, null, null, false);
    }
}
