package dev.agentguard.policy.file;

import java.util.Arrays;

/**
 * Which of a policy's {@code **}{@code /NAME} deny rules may match a path, found in one pass over the
 * path's segments for all of them together; each such rule is one bit of a {@code long}.
 *
 * <p>Why: an allowed path must be checked against every deny rule, and a policy carries many of this
 * shape (the default secret set has eight). Each NAME is filed under a character every segment it matches
 * must have: its first character, else its last, else (a NAME like {@code *secret*}) it keeps its
 * literal piece, searched for with {@link String#indexOf(String)}. One walk then looks up the first and
 * last character of each segment. The answer is a superset: a rule whose bit is set still has to match in
 * full, a rule whose bit is clear cannot match. Characters outside ASCII share table slots, which only
 * adds candidates. Allocates nothing.
 */
final class AnyDepthNameFilter {
    private static final int SLOTS = 128;

    private final long[] byFirstChar = new long[SLOTS];
    private final long[] byLastChar = new long[SLOTS];
    private String[] pieces = new String[0];
    private long[] pieceBits = new long[0];

    /** Files {@code name} for rule bit {@code bit}; only while the filter is being built. */
    void add(long bit, AnyDepthName name) {
        if (name.firstChar() >= 0) {
            byFirstChar[name.firstChar() & (SLOTS - 1)] |= bit;
        } else if (name.lastChar() >= 0) {
            byLastChar[name.lastChar() & (SLOTS - 1)] |= bit;
        } else {
            int n = pieces.length;
            pieces = Arrays.copyOf(pieces, n + 1);
            pieceBits = Arrays.copyOf(pieceBits, n + 1);
            pieces[n] = name.piece();
            pieceBits[n] = bit;
        }
    }

    /** The bits of the rules that may match {@code path} (absolute) or one of its ancestors. */
    long candidates(String path) {
        long found = 0;
        int len = path.length();
        // one pass by charAt: measured about twice as fast as an indexOf('/') call per segment
        char previous = '/';
        for (int i = 1; i < len; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (previous != '/') {
                    found |= byLastChar[previous & (SLOTS - 1)];
                }
            } else if (previous == '/') {
                found |= byFirstChar[c & (SLOTS - 1)];
            }
            previous = c;
        }
        if (previous != '/') {
            found |= byLastChar[previous & (SLOTS - 1)];
        }
        for (int i = 0; i < pieces.length; i++) {
            if ((found & pieceBits[i]) == 0 && path.indexOf(pieces[i]) >= 0) {
                found |= pieceBits[i];
            }
        }
        return found;
    }
}
