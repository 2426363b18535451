package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

import java.util.Arrays;

/**
 * The ports of a network entry: {@code 443}, {@code 80,443}, {@code 8000-9000}, a mix of those, or
 * {@code *} for every port.
 *
 * <p>Why strict: a port list is part of a grant, so a typo ({@code 0}, {@code 70000},
 * {@code 9000-8000}, {@code 0443}) must stop the policy from loading rather than grant something else.
 * Spaces after commas are tolerated ({@code "80, 443"}), as YAML authors write them.
 *
 * <p>Port 0 never appears in a list. At match time it means "let the system pick" (an ephemeral
 * bind), which only {@code *} grants, since the port that will be used is unknown.
 */
public final class PortSet {
    /** Every port, including 0 (an ephemeral bind). The meaning of an absent port list. */
    public static final PortSet ANY = new PortSet(null, "*");

    private static final String EXPECTED = "expected a port 1-65535, a list like 80,443, a range like 8000-9000, or *";

    /** Pairs of inclusive bounds {@code lo0, hi0, lo1, hi1, ...}; null for {@link #ANY}. */
    private final int[] ranges;
    private final String text;

    private PortSet(int[] ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    public static PortSet parse(String text) throws PatternException {
        if (text == null || text.isEmpty()) {
            throw new PatternException("missing port list (" + EXPECTED + ")");
        }
        if (text.equals("*")) {
            return ANY;
        }
        String[] parts = text.split(",", -1);
        int[] ranges = new int[parts.length * 2];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                throw new PatternException("empty entry in port list '" + text + "'");
            }
            if (p.equals("*")) {
                throw new PatternException("'*' cannot be combined with other ports in '" + text + "'");
            }
            int dash = p.indexOf('-');
            if (dash < 0) {
                ranges[2 * i] = ranges[2 * i + 1] = port(p, p);
            } else {
                int lo = port(p.substring(0, dash), p);
                int hi = port(p.substring(dash + 1), p);
                if (lo > hi) {
                    throw new PatternException("port range " + p + " is reversed; did you mean " + hi + "-" + lo + "?");
                }
                ranges[2 * i] = lo;
                ranges[2 * i + 1] = hi;
            }
        }
        return new PortSet(ranges, text);
    }

    private static int port(String s, String part) throws PatternException {
        if (s.isEmpty()) {
            throw new PatternException("'" + part + "' is not a port; " + EXPECTED);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new PatternException("'" + part + "' is not a port; " + EXPECTED);
            }
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new PatternException("port '" + s + "' has a leading zero");
        }
        int v = s.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(s);
        if (v == 0) {
            throw new PatternException("port 0 is not allowed; ports are 1-65535 (use * for any port)");
        }
        if (v > 65535) {
            throw new PatternException("port " + s + " is out of range; ports are 1-65535");
        }
        return v;
    }

    /** True when {@code port} is in the set; allocation-free. */
    public boolean contains(int port) {
        if (ranges == null) {
            return port >= 0 && port <= 65535;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (port >= ranges[i] && port <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public boolean isAny() {
        return ranges == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet && Arrays.equals(((PortSet) o).ranges, ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** The list as written. */
    @Override
    public String toString() {
        return text;
    }
}
