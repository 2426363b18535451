package dev.agentguard.policy.env;

import dev.agentguard.policy.PatternException;

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

    private EnvNamePattern(String text, boolean glob) {
        this.text = text;
        this.glob = glob;
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
        if (name == null) {
            return false;
        }
        if (!glob) {
            return text.equals(name);
        }
        // Greedy walk that backtracks only to the last '*'.
        final String t = text;
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < name.length()) {
            if (p < t.length()) {
                char c = t.charAt(p);
                if (c == '*') {
                    starP = p++;
                    starI = i;
                    continue;
                }
                if (c == '?') {
                    i += Character.charCount(name.codePointAt(i));
                    p++;
                    continue;
                }
                if (c == name.charAt(i)) {
                    i++;
                    p++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starI += Character.charCount(name.codePointAt(starI));
            i = starI;
        }
        while (p < t.length() && t.charAt(p) == '*') {
            p++;
        }
        return p == t.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
