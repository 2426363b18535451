package dev.agentguard.policy.budget;

import dev.agentguard.policy.PatternException;
import java.util.concurrent.TimeUnit;

/**
 * A token-bucket rate from the policy, such as {@code process.exec: 30/min}: at most {@link #tokens()}
 * calls per {@link #periodNanos()}.
 *
 * <p>Written {@code N/s}, {@code N/min} or {@code N/h} (optional spaces around {@code /}; periods are
 * case-sensitive like size units). {@code N} is a whole number from 1 to {@value #MAX_TOKENS}: a rate
 * of 0 would deny every call, which is what leaving the grant out already does, so it is rejected as a
 * likely mistake; the upper bound keeps token arithmetic far from overflow.
 */
public final class Rate {
    public static final long MAX_TOKENS = 1_000_000_000L;
    private static final String[] PERIODS = {"s", "min", "h"};
    private static final long[] NANOS = {TimeUnit.SECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(1),
        TimeUnit.HOURS.toNanos(1)};
    private static final String HOW = "write N/s, N/min or N/h, e.g. 30/min";

    private final long tokens;
    private final int period;

    private Rate(long tokens, int period) {
        this.tokens = tokens;
        this.period = period;
    }

    public static Rate parse(String text) throws PatternException {
        if (text == null || text.isBlank()) {
            throw new PatternException("a rate cannot be empty (" + HOW + ")");
        }
        String s = text.strip();
        String quoted = "rate '" + s + "'";
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new PatternException("'" + s + "' is not a rate (" + HOW + ")");
        }
        String count = s.substring(0, slash).strip();
        String unit = s.substring(slash + 1).strip();
        int p = periodIndex(unit, quoted);
        if (count.startsWith("-")) {
            throw new PatternException(quoted + " cannot be negative");
        }
        if (count.isEmpty() || !count.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (count.matches("[0-9]*\\.[0-9]+")) {
                throw new PatternException(quoted + ": the count must be a whole number (use a longer period)");
            }
            throw new PatternException("'" + s + "' is not a rate (" + HOW + ")");
        }
        String digits = count.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_TOKENS) {
            throw new PatternException(quoted + " is too large (at most " + MAX_TOKENS + " per period)");
        }
        long n = Long.parseLong(digits);
        if (n == 0) {
            throw new PatternException(quoted + " must allow at least 1 call per period");
        }
        return new Rate(n, p);
    }

    private static int periodIndex(String unit, String quoted) throws PatternException {
        if (unit.isEmpty()) {
            throw new PatternException(quoted + ": missing period (expected s, min or h)");
        }
        for (int i = 0; i < PERIODS.length; i++) {
            if (PERIODS[i].equals(unit)) {
                return i;
            }
        }
        for (String known : PERIODS) {
            if (known.equalsIgnoreCase(unit)) {
                throw new PatternException(quoted + ": write the period as '" + known
                        + "' (periods are case-sensitive)");
            }
        }
        throw new PatternException(quoted + ": unknown period '" + unit + "' (expected s, min or h)");
    }

    /** Calls allowed per period, and the bucket's capacity. */
    public long tokens() {
        return tokens;
    }

    public long periodNanos() {
        return NANOS[period];
    }

    @Override
    public String toString() {
        return tokens + "/" + PERIODS[period];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rate && ((Rate) o).tokens == tokens && ((Rate) o).period == period;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokens) * 31 + period;
    }
}
