package dev.agentguard.policy.budget;

import dev.agentguard.policy.PatternException;
import java.math.BigDecimal;

/**
 * A byte count from the policy, such as {@code outbound_bytes: 50MiB}.
 *
 * <p>Accepted: a whole number, optional spaces, and one of the binary units {@code B}, {@code KiB},
 * {@code MiB}, {@code GiB} (exactly so spelled). Everything else is an error with a message that says
 * how to write it:
 * <ul>
 *   <li>a plain number ({@code 50}) is rejected: it is unclear whether bytes or megabytes were meant,
 *       and a budget off by a factor of a million is a silent hole, so the unit is required
 *       ({@code 512B} for bytes);</li>
 *   <li>units are case-sensitive ({@code mib}, {@code kib}) and decimal units ({@code MB},
 *       {@code KB}) are refused, since {@code b} usually means bits and {@code MB} 10<sup>6</sup>;</li>
 *   <li>decimals ({@code 1.5GiB}), negative values and values past 2<sup>63</sup>-1 bytes are
 *       refused; {@code 0B} is allowed and means "nothing".</li>
 * </ul>
 */
public final class Size {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB"};
    private static final long[] FACTORS = {1L, 1L << 10, 1L << 20, 1L << 30};
    private static final String EXPECTED = "B, KiB, MiB or GiB";

    private final long bytes;

    private Size(long bytes) {
        this.bytes = bytes;
    }

    public static Size ofBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        return new Size(bytes);
    }

    public static Size parse(String text) throws PatternException {
        if (text == null || text.isBlank()) {
            throw new PatternException("a size cannot be empty (write a number and a unit, e.g. 50MiB)");
        }
        String s = text.strip();
        String quoted = "size '" + s + "'";
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int digitsEnd = i;
        if (digitsEnd == 0) {
            if (s.charAt(0) == '-') {
                throw new PatternException(quoted + " cannot be negative");
            }
            throw new PatternException("'" + s + "' is not a size (write a whole number and a unit: " + EXPECTED
                    + ", e.g. 50MiB)");
        }
        if (i < s.length() && s.charAt(i) == '.') {
            throw new PatternException(decimalMessage(s, quoted));
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        String unit = s.substring(i);
        String number = s.substring(0, digitsEnd);
        int u = unitIndex(unit, quoted, number);
        long factor = FACTORS[u];
        long max = Long.MAX_VALUE / factor;
        BigDecimal n = new BigDecimal(number);
        if (n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new PatternException(quoted + " is too large (at most " + max + UNITS[u] + ")");
        }
        return new Size(n.longValueExact() * factor);
    }

    private static int unitIndex(String unit, String quoted, String number) throws PatternException {
        if (unit.isEmpty()) {
            throw new PatternException(quoted + " needs a unit: " + EXPECTED + " (e.g. " + number + "MiB, or "
                    + number + "B for bytes)");
        }
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        for (String known : UNITS) {
            if (known.equalsIgnoreCase(unit)) {
                throw new PatternException(quoted + ": write the unit as '" + known + "' (units are case-sensitive)");
            }
        }
        throw new PatternException(quoted + ": unknown unit '" + unit + "' (expected " + EXPECTED
                + "; 1 MiB is 1048576 bytes)");
    }

    /** Suggests the same amount in a smaller unit when there is one: {@code 1.5GiB} is {@code 1536MiB}. */
    private static String decimalMessage(String s, String quoted) {
        String base = quoted + " must be a whole number";
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        String unit = s.substring(end).strip();
        for (int u = 0; u < UNITS.length; u++) {
            if (!UNITS[u].equals(unit)) {
                continue;
            }
            try {
                BigDecimal value = new BigDecimal(s.substring(0, end)).multiply(BigDecimal.valueOf(FACTORS[u]));
                for (int smaller = u - 1; smaller >= 0; smaller--) {
                    BigDecimal[] qr = value.divideAndRemainder(BigDecimal.valueOf(FACTORS[smaller]));
                    if (qr[1].signum() == 0) {
                        return base + " (write " + qr[0].toBigInteger() + UNITS[smaller] + ")";
                    }
                }
            } catch (NumberFormatException e) {
                return base;
            }
        }
        return base;
    }

    public long bytes() {
        return bytes;
    }

    /** The size in the largest unit that holds it exactly: {@code 52428800} is {@code 50MiB}. */
    public static String format(long bytes) {
        for (int u = UNITS.length - 1; u > 0; u--) {
            if (bytes != 0 && bytes % FACTORS[u] == 0) {
                return bytes / FACTORS[u] + UNITS[u];
            }
        }
        return bytes + "B";
    }

    @Override
    public String toString() {
        return format(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size && ((Size) o).bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }
}
