package dev.agentguard.agent.install.weave;

/** Advice the weaver does not support, or a method it cannot weave; the message says which and why. */
public final class WeaveException extends Exception {
    private static final long serialVersionUID = 1L;

    public WeaveException(String message) {
        super(message);
    }
}
