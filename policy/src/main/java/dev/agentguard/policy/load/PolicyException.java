package dev.agentguard.policy.load;

import java.util.List;

/** A policy that cannot be used; {@link #problems()} holds one {@code file:line:col: message} line each. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
