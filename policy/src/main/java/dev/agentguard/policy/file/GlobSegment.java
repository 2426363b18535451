package dev.agentguard.policy.file;

/**
 * One segment of a compiled path pattern, the text between two slashes: a literal name, a name with
 * {@code *} and {@code ?} wildcards, or {@code **} (any number of whole segments).
 *
 * <p>A segment is matched against a slice {@code [start, end)} of the path that never contains a
 * {@code /}, which is what keeps {@code *} and {@code ?} inside one segment. Matching walks the string
 * by index and allocates nothing.
 */
final class GlobSegment {
    /** Code of an unescaped {@code *} in {@link #codes}: any run of characters, possibly empty. */
    static final int STAR = -1;
    /** Code of an unescaped {@code ?} in {@link #codes}: exactly one character. */
    static final int ONE = -2;

    static final GlobSegment ANY_DEPTH = new GlobSegment(null, null);

    private final String literal;
    private final int[] codes;

    private GlobSegment(String literal, int[] codes) {
        this.literal = literal;
        this.codes = codes;
    }

    static GlobSegment literal(String name) {
        return new GlobSegment(name, null);
    }

    /** {@code codes} holds characters (as {@code char} values), {@link #STAR} and {@link #ONE}. */
    static GlobSegment wildcard(int[] codes) {
        return new GlobSegment(null, codes.clone());
    }

    boolean isAnyDepth() {
        return this == ANY_DEPTH;
    }

    boolean isLiteral() {
        return literal != null;
    }

    String literalText() {
        return literal;
    }

    /** The characters before the first wildcard of a wildcard segment, for the matcher's prefix check. */
    String leadingLiteral() {
        StringBuilder sb = new StringBuilder();
        for (int c : codes) {
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** The character every match starts with, or -1 when the segment starts with a wildcard. */
    int firstChar() {
        return literal != null ? literal.charAt(0) : codes[0];
    }

    /** The character every match ends with, or -1 when the segment ends with a wildcard. */
    int lastChar() {
        return literal != null ? literal.charAt(literal.length() - 1) : codes[codes.length - 1];
    }

    /** The longest run of literal characters of a wildcard segment ({@code "secret"} of {@code *secret*}). */
    String longestLiteralRun() {
        int bestFrom = 0;
        int bestLength = 0;
        int from = 0;
        for (int i = 0; i <= codes.length; i++) {
            if (i == codes.length || codes[i] < 0) {
                if (i - from > bestLength) {
                    bestFrom = from;
                    bestLength = i - from;
                }
                from = i + 1;
            }
        }
        StringBuilder sb = new StringBuilder(bestLength);
        for (int i = bestFrom; i < bestFrom + bestLength; i++) {
            sb.append((char) codes[i]);
        }
        return sb.toString();
    }

    /** Whether this (non-{@code **}) segment matches {@code path[start, end)}. */
    boolean matches(String path, int start, int end) {
        if (literal != null) {
            return end - start == literal.length() && path.regionMatches(start, literal, 0, literal.length());
        }
        int[] c = codes;
        int n = c.length;
        int p = 0;
        int i = start;
        int starP = -1;
        int starI = -1;
        while (i < end) {
            if (p < n && c[p] == ONE) {
                i += charWidth(path, i, end);
                p++;
            } else if (p < n && c[p] == STAR) {
                starP = p++;
                starI = i;
            } else if (p < n && c[p] == path.charAt(i)) {
                i++;
                p++;
            } else if (starP >= 0) {
                starI += charWidth(path, starI, end);
                i = starI;
                p = starP + 1;
            } else {
                return false;
            }
        }
        while (p < n && c[p] == STAR) {
            p++;
        }
        return p == n;
    }

    /** 2 for a surrogate pair (one character written as two chars), else 1: {@code ?} takes a whole character. */
    private static int charWidth(String s, int i, int end) {
        return i + 1 < end && Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))
                ? 2 : 1;
    }
}
