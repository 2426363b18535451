package dev.agentguard.policy.process;

/**
 * A brace-free glob for one unit of text: one argument, or one segment of a path.
 *
 * <p>{@code *} matches any run of characters (also none), {@code ?} exactly one character (a whole
 * code point), {@code \x} the character {@code x}; everything else matches itself. The caller decides
 * what a unit is, which is why {@code *} here has no notion of {@code /}: for an argument it crosses
 * slashes (arguments are not paths), and path segments never contain one.
 *
 * <p>Matching is the greedy two-pointer walk that backtracks only to the last star. It is linear in
 * practice, needs no regex and allocates nothing, so it can run on the allowed path.
 */
final class SegmentGlob {
    private static final int STAR = -1;
    private static final int ONE = -2;

    /** A char (as a non-negative int), {@link #STAR} or {@link #ONE}. */
    private final int[] tokens;
    private final boolean literal;

    private SegmentGlob(int[] tokens) {
        this.tokens = tokens;
        boolean lit = true;
        for (int t : tokens) {
            lit &= t >= 0;
        }
        this.literal = lit;
    }

    /** Compiles a glob whose escapes are well formed (checked by {@link Braces}). */
    static SegmentGlob compile(String glob) {
        int[] buf = new int[glob.length()];
        int n = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
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
        return new SegmentGlob(java.util.Arrays.copyOf(buf, n));
    }

    /** A glob that matches exactly {@code text}, with no special characters. */
    static SegmentGlob literal(String text) {
        int[] t = new int[text.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = text.charAt(i);
        }
        return new SegmentGlob(t);
    }

    boolean isLiteral() {
        return literal;
    }

    boolean matches(String s) {
        return matches(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} matches as a whole. */
    boolean matches(String s, int from, int to) {
        final int[] t = tokens;
        final int n = t.length;
        if (literal) {
            if (to - from != n) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (s.charAt(from + k) != t[k]) {
                    return false;
                }
            }
            return true;
        }
        int p = 0;
        int i = from;
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
