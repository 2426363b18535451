package dev.agentguard.policy.shell;

/**
 * A script, or a part of one, that the guard cannot decide before it runs: a construct outside the
 * supported subset, or text the parser does not fully understand. Failing closed means the whole
 * script is denied; the message names the construct and where it is ({@code at character 14}).
 */
public final class UndecidableScript extends Exception {
    private static final long serialVersionUID = 1L;

    private final String construct;
    private final int position;

    /**
     * @param construct what was found, for a person: {@code "command substitution $(…)"}
     * @param position 0-based index into the script text; -1 when the whole script is meant
     */
    public UndecidableScript(String construct, int position) {
        super(construct + (position >= 0 ? " at character " + (position + 1) : ""), null, false, false);
        this.construct = construct;
        this.position = position;
    }

    public String construct() {
        return construct;
    }

    /** 0-based index into the script text, or -1. */
    public int position() {
        return position;
    }
}
