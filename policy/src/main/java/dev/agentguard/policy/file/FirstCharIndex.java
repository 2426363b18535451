package dev.agentguard.policy.file;

/**
 * Which globs of a list may match a path, told by one character: the first of the path's first segment
 * ({@code s} of {@code /srv/...}). Each of the first 64 globs is one bit of a {@code long}.
 *
 * <p>Why: an allowed path is tried against every protected path, every deny rule and the grants before
 * the one that grants it, and most of them are rejected by their literal prefix ({@code /proc/},
 * {@code /home/u/.ssh}) only after following several references to reach it. A glob whose literal
 * prefix has a second character can only match a path with that character there; the others (a prefix
 * of {@code /} or none, like {@code **}{@code /.env}) are always candidates, and so are globs past the
 * 64th. Characters outside ASCII share table slots, which only adds candidates. Allocates nothing.
 */
final class FirstCharIndex {
    private static final int SLOTS = 128;

    private final long[] bySecondChar = new long[SLOTS];
    private final long always;

    FirstCharIndex(PathGlob[] globs) {
        long unindexed = 0;
        for (int i = 0; i < Math.min(globs.length, Long.SIZE); i++) {
            String prefix = globs[i].literalPrefix();
            if (prefix.length() < 2) {
                unindexed |= 1L << i;
            } else {
                bySecondChar[prefix.charAt(1) & (SLOTS - 1)] |= 1L << i;
            }
        }
        this.always = unindexed;
    }

    /** The candidates for {@code path}: pass them to {@link #mayMatch}. */
    long candidates(String path) {
        return path.length() > 1 ? always | bySecondChar[path.charAt(1) & (SLOTS - 1)] : always;
    }

    /** Whether glob {@code index} may match the path whose {@code candidates} these are. */
    static boolean mayMatch(long candidates, int index) {
        return index >= Long.SIZE || (candidates & 1L << index) != 0;
    }
}
