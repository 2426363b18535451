package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;

/**
 * A child process's time limit from the policy ({@code process.timeout: 10m}, or an exec rule's
 * {@code timeout}): a whole number followed by {@code ms}, {@code s}, {@code m} or {@code h}, from 1 ms to
 * 7 days. Units are case-sensitive, like the size units and rate periods.
 */
public final class Timeout {
    static final long MAX_MILLIS = 7L * 24 * 3600 * 1000;
    private static final String HOW = "write N followed by ms, s, m or h, e.g. 30s or 10m";

    private Timeout() {}

    /** The limit in milliseconds. */
    public static long parseMillis(String text) throws PatternException {
        if (text == null || text.isBlank()) {
            throw new PatternException("a timeout cannot be empty (" + HOW + ")");
        }
        String s = text.strip();
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        String unit = s.substring(digits).strip();
        long scale;
        switch (unit) {
            case "ms":
                scale = 1;
                break;
            case "s":
                scale = 1000;
                break;
            case "m":
                scale = 60_000;
                break;
            case "h":
                scale = 3_600_000;
                break;
            default:
                throw new PatternException("'" + s + "' is not a timeout (" + HOW + ")");
        }
        if (digits == 0 || digits > 9) {
            throw new PatternException("'" + s + "' is not a timeout (" + HOW + "; at most 7 days)");
        }
        long millis = Long.parseLong(s.substring(0, digits)) * scale;
        if (millis == 0) {
            throw new PatternException("timeout '" + s + "' must be at least 1ms (leave the key out for no limit)");
        }
        if (millis > MAX_MILLIS) {
            throw new PatternException("timeout '" + s + "' is longer than 7 days");
        }
        return millis;
    }

    /** {@code 90000} as {@code 90s}, for records and messages. */
    public static String describe(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
