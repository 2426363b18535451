package dev.agentguard.agent.install;

import java.util.List;

/** Hooks that could not be installed; the JVM must not start. One problem per line. */
public final class HookInstallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public HookInstallException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
