package dev.agentguard.policy.env;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.SimpleGlob;

/**
 * One environment variable name or name glob from {@code env.read} or {@code process.env.strip}.
 *
 * <p>{@code *} matches any run of characters, {@code ?} one character; every other character is
 * literal (there are no braces or escapes: names rarely need them, and fewer rules means fewer
 * surprises). Matching is case-sensitive, as variable names are on Linux, needs no regex and
 * allocates nothing. A value that no process could ever have as a name (empty, with {@code =} or
 * NUL) is rejected, since it would silently grant nothing.
 */
public final class EnvNamePattern {
    private final String text;
    private final boolean glob;
    private final SimpleGlob matcher;

    private EnvNamePattern(String text, boolean glob) {
        this.text = text;
        this.glob = glob;
        this.matcher = SimpleGlob.compileWithoutEscapes(text);
    }

    public static EnvNamePattern compile(String text) throws PatternException {
        if (text == null || text.isEmpty()) {
            throw new PatternException("an environment variable name cannot be empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new PatternException("an environment variable name cannot contain a NUL character");
        }
        if (text.indexOf('=') >= 0) {
            throw new PatternException("'" + text + "' contains '=', which cannot be part of an environment"
                    + " variable name");
        }
        return new EnvNamePattern(text, text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }

    /** The name or glob as written. */
    public String text() {
        return text;
    }

    public boolean isGlob() {
        return glob;
    }

    public boolean matches(String name) {
        return name != null && matcher.matches(name);
    }

    @Override
    public String toString() {
        return text;
    }
}
