package dev.agentguard.policy;

import java.util.Arrays;

/**
 * A brace-free glob over one whole string, shared by the rules whose globs have no notion of paths:
 * command-line arguments and environment variable names.
 *
 * <p>{@code *} matches any run of characters (also none, and also {@code /}: an argument is not a
 * path), {@code ?} exactly one character (a whole code point); everything else matches itself. Path
 * globs, where {@code *} stops at {@code /}, are {@code dev.agentguard.policy.file.PathGlob}.
 *
 * <p>Matching is the greedy two-pointer walk that backtracks only to the last star. It is linear in
 * practice, needs no regex and allocates nothing, so it can run on the allowed path.
 */
public final class SimpleGlob {
    private static final int STAR = -1;
    private static final int ONE = -2;

    /** A char (as a non-negative int), {@link #STAR} or {@link #ONE}. */
    private final int[] tokens;
    private final boolean literal;

    private SimpleGlob(int[] tokens) {
        this.tokens = tokens;
        boolean lit = true;
        for (int t : tokens) {
            lit &= t >= 0;
        }
        this.literal = lit;
    }

    /**
     * Compiles a glob in which {@code \x} stands for a literal {@code x}; the caller has already
     * rejected a trailing lone backslash.
     */
    public static SimpleGlob compile(String glob) {
        return compile(glob, true);
    }

    /** Compiles a glob in which only {@code *} and {@code ?} are special; a backslash is literal. */
    public static SimpleGlob compileWithoutEscapes(String glob) {
        return compile(glob, false);
    }

    private static SimpleGlob compile(String glob, boolean escapes) {
        int[] buf = new int[glob.length()];
        int n = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (escapes && c == '\\' && i + 1 < glob.length()) {
                buf[n++] = glob.charAt(++i);
            } else if (c == '*') {
                if (n == 0 || buf[n - 1] != STAR) {
                    buf[n++] = STAR;
                }
            } else if (c == '?') {
                buf[n++] = ONE;
            } else {
                buf[n++] = c;
            }
        }
        return new SimpleGlob(Arrays.copyOf(buf, n));
    }

    /** Whether {@code s} matches as a whole. */
    public boolean matches(String s) {
        final int[] t = tokens;
        final int n = t.length;
        final int to = s.length();
        if (literal) {
            if (to != n) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (s.charAt(k) != t[k]) {
                    return false;
                }
            }
            return true;
        }
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < to) {
            if (p < n) {
                int tok = t[p];
                if (tok == STAR) {
                    starP = p++;
                    starI = i;
                    continue;
                }
                if (tok == ONE) {
                    i += codePointLength(s, i, to);
                    p++;
                    continue;
                }
                if (tok == s.charAt(i)) {
                    i++;
                    p++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starI += codePointLength(s, starI, to);
            i = starI;
        }
        while (p < n && t[p] == STAR) {
            p++;
        }
        return p == n;
    }

    private static int codePointLength(String s, int i, int to) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < to
                && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
    }
}
