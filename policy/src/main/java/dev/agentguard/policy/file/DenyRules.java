package dev.agentguard.policy.file;

import java.util.List;

/**
 * The {@code files.deny} rules in policy order, answering which is the first that a path or one of its
 * ancestors matches.
 *
 * <p>Why not just try each rule: an allowed path must be tried against all of them, and the
 * {@code **}{@code /NAME} rules (the secret set) each search the whole path. Those among the first 64
 * rules are prefiltered together by an {@link AnyDepthNameFilter} in one pass, the others by the first
 * character of the path ({@link FirstCharIndex}); a rule a prefilter rules out is skipped, any other is
 * matched in full, still in policy order, so the rule named is the one a rule-by-rule check names.
 * Allocates nothing.
 */
final class DenyRules {
    private final PathRule[] rules;
    private final FirstCharIndex index;
    private final AnyDepthNameFilter filter = new AnyDepthNameFilter();
    /** Bit i set: rule i is a {@code **}{@code /NAME} rule the filter answers for. */
    private final long filtered;

    DenyRules(List<PathRule> rules) {
        this.rules = rules.toArray(new PathRule[0]);
        long bits = 0;
        for (int i = 0; i < Math.min(this.rules.length, Long.SIZE); i++) {
            List<AnyDepthName> names = this.rules[i].glob().anyDepthNames();
            if (names == null) {
                continue;
            }
            for (AnyDepthName name : names) {
                filter.add(1L << i, name);
            }
            bits |= 1L << i;
        }
        this.filtered = bits;
        PathGlob[] globs = new PathGlob[this.rules.length];
        for (int i = 0; i < globs.length; i++) {
            globs[i] = this.rules[i].glob();
        }
        this.index = new FirstCharIndex(globs);
    }

    List<PathRule> rules() {
        return List.of(rules);
    }

    int size() {
        return rules.length;
    }

    PathRule get(int index) {
        return rules[index];
    }

    /** The index of the first of rules {@code [0, limit)} that {@code path} or an ancestor matches, else -1. */
    int first(String path, int limit) {
        long byFirstChar = index.candidates(path);
        long candidates = 0;
        boolean filterRan = false;
        for (int i = 0; i < limit; i++) {
            if (!FirstCharIndex.mayMatch(byFirstChar, i)) {
                continue;
            }
            if (i < Long.SIZE && (filtered & 1L << i) != 0) {
                if (!filterRan) {
                    candidates = filter.candidates(path);
                    filterRan = true;
                }
                if ((candidates & 1L << i) == 0) {
                    continue;
                }
            }
            if (rules[i].glob().matchesSelfOrAncestor(path)) {
                return i;
            }
        }
        return -1;
    }
}
