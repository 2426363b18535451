package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * Strict parsing and canonical formatting of IP address literals, without any DNS lookup.
 *
 * <p>Why strict: C resolvers ({@code inet_aton}) accept {@code 010.0.0.1} (octal, = 8.0.0.1),
 * {@code 0x7f.1} and {@code 2130706433} (both 127.0.0.1). A policy that means one thing to its author
 * and another to the resolver is a bypass waiting to happen, so a policy may only spell IPv4 as four
 * plain decimal parts; anything else is an error that says what the resolver would have read.
 *
 * <p>Why IPv4-mapped addresses become IPv4: {@code ::ffff:169.254.169.254} reaches the same host as
 * {@code 169.254.169.254}; matching works on one form only so that no spelling escapes a rule.
 * At match time a 16-byte mapped address is viewed as its last four bytes (see {@link #v4Offset}),
 * without copying.
 *
 * <p>{@code java.net.InetAddress} is deliberately not used: its parsing of names falls through to DNS.
 */
public final class IpAddresses {
    private static final String V4_ADVICE = "; write four decimal parts 0-255, like 127.0.0.1";

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal as written in a policy: dotted decimal IPv4, any standard IPv6
     * form (with {@code ::} and an embedded IPv4 tail), optionally in {@code [...]}. An IPv4-mapped
     * IPv6 address is returned as its 4 IPv4 bytes.
     *
     * @return 4 or 16 bytes, network order
     * @throws PatternException with a message that says what is wrong (never a DNS error)
     */
    public static byte[] parse(String text) throws PatternException {
        byte[] raw = parseRaw(text);
        return isMapped(raw) ? java.util.Arrays.copyOfRange(raw, 12, 16) : raw;
    }

    /** Like {@link #parse} but keeps an IPv4-mapped IPv6 address as 16 bytes (CIDR prefixes need it). */
    static byte[] parseRaw(String text) throws PatternException {
        if (text == null || text.isEmpty()) {
            throw new PatternException("empty IP address");
        }
        String s = text;
        if (s.charAt(0) == '[' || s.charAt(s.length() - 1) == ']') {
            if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
                throw new PatternException("unbalanced brackets in IP address '" + text + "'");
            }
            s = s.substring(1, s.length() - 1);
            if (s.indexOf(':') < 0) {
                throw new PatternException("brackets are only for IPv6 addresses: '" + text + "'");
            }
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s, text);
        }
        return parseV4(s, text);
    }

    /**
     * True when a C resolver would read {@code text} as an IPv4 address: one to four dot-separated
     * numbers, each decimal, octal (leading 0) or hex ({@code 0x}). Such text is never a host name.
     */
    public static boolean isNumericSpelling(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int parts = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (!isNumberPart(text, start, i)) {
                    return false;
                }
                if (i < text.length()) {
                    parts++;
                }
                start = i + 1;
            }
        }
        return parts <= 4;
    }

    private static boolean isNumberPart(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) | 0x20) == 'x') {
            for (int i = from + 2; i < to; i++) {
                if (hexDigit(s.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static byte[] parseV4(String s, String text) throws PatternException {
        String[] parts = s.split("\\.", -1);
        for (String p : parts) {
            if (!p.isEmpty() && !isNumberPart(p, 0, p.length())) {
                throw new PatternException("'" + text + "' is not an IP address");
            }
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw v4Error(text, s, "it has an empty part");
            }
        }
        for (String p : parts) {
            if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) | 0x20) == 'x') {
                throw v4Error(text, s, "part '" + p + "' is hexadecimal");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw v4Error(text, s, "part '" + p + "' has a leading zero");
            }
        }
        if (parts.length != 4) {
            throw v4Error(text, s, "it has " + parts.length + (parts.length == 1 ? " part" : " parts")
                    + " instead of 4");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.length() > 3 || Integer.parseInt(p) > 255) {
                throw v4Error(text, s, "part '" + p + "' is greater than 255");
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    private static PatternException v4Error(String text, String s, String problem) {
        long meant = inetAton(s);
        String reading = meant < 0 ? "" : " (C resolvers read it as " + formatV4(meant) + ")";
        return new PatternException("'" + text + "' is not a plain dotted IPv4 address: " + problem + reading
                + V4_ADVICE);
    }

    /** What glibc's inet_aton makes of {@code s}, or -1; only used to explain an error. */
    static long inetAton(String s) {
        if (!isNumericSpelling(s)) {
            return -1;
        }
        String[] parts = s.split("\\.", -1);
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.length() > 2 && p.charAt(0) == '0' && (p.charAt(1) | 0x20) == 'x') {
                    v[i] = p.length() > 10 ? Long.MAX_VALUE : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.charAt(0) == '0') {
                    v[i] = p.length() > 12 ? Long.MAX_VALUE : Long.parseLong(p, 8);
                } else {
                    v[i] = p.length() > 10 ? Long.MAX_VALUE : Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return -1; // an octal part with 8 or 9 in it
            }
        }
        long result = 0;
        int n = parts.length;
        for (int i = 0; i < n - 1; i++) {
            if (v[i] > 255) {
                return -1;
            }
            result |= v[i] << (8 * (3 - i));
        }
        long lastMax = (1L << (8 * (5 - n))) - 1;
        if (v[n - 1] > lastMax) {
            return -1;
        }
        return result | v[n - 1];
    }

    private static String formatV4(long v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    private static byte[] parseV6(String s, String text) throws PatternException {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            throw new PatternException("zone ids are not allowed in policy addresses: '" + text
                    + "' (remove '" + s.substring(pct) + "')");
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            throw v6Error(text, "'::' may appear only once");
        }
        int[] groups = new int[8];
        byte[] v4 = null;
        String head = dc < 0 ? s : s.substring(0, dc);
        String tail = dc < 0 ? "" : s.substring(dc + 2);
        int nHead = 0;
        int nTail = 0;
        int[] tailGroups = new int[8];
        String[] headParts = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] tailParts = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        String[] last = dc < 0 ? headParts : tailParts;
        if (last.length > 0 && last[last.length - 1].indexOf('.') >= 0) {
            v4 = parseV4(last[last.length - 1], last[last.length - 1]);
        }
        for (int i = 0; i < headParts.length; i++) {
            if (v4 != null && dc < 0 && i == headParts.length - 1) {
                break;
            }
            if (nHead >= 8) {
                throw v6Error(text, "it has more than 8 groups");
            }
            groups[nHead++] = group(headParts[i], text);
        }
        for (int i = 0; i < tailParts.length; i++) {
            if (v4 != null && i == tailParts.length - 1) {
                break;
            }
            if (nTail >= 8) {
                throw v6Error(text, "it has more than 8 groups");
            }
            tailGroups[nTail++] = group(tailParts[i], text);
        }
        int total = nHead + nTail + (v4 == null ? 0 : 2);
        if (dc < 0 && total != 8) {
            throw v6Error(text, "it has " + total + " groups instead of 8");
        }
        if (dc >= 0 && total > 7) {
            throw v6Error(text, "it has too many groups to use '::'");
        }
        byte[] out = new byte[16];
        for (int i = 0; i < nHead; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        int tailStart = 16 - 2 * nTail - (v4 == null ? 0 : 4);
        for (int i = 0; i < nTail; i++) {
            out[tailStart + 2 * i] = (byte) (tailGroups[i] >>> 8);
            out[tailStart + 2 * i + 1] = (byte) tailGroups[i];
        }
        if (v4 != null) {
            System.arraycopy(v4, 0, out, 12, 4);
        }
        return out;
    }

    private static int group(String g, String text) throws PatternException {
        if (g.isEmpty()) {
            throw v6Error(text, "it has an empty group");
        }
        if (g.indexOf('.') >= 0) {
            throw v6Error(text, "an embedded IPv4 part may only come last");
        }
        if (g.length() > 4) {
            throw v6Error(text, "group '" + g + "' has more than 4 hex digits");
        }
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            int d = hexDigit(c);
            if (d < 0) {
                throw v6Error(text, "group '" + g + "' is not hexadecimal");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static PatternException v6Error(String text, String problem) {
        return new PatternException("'" + text + "' is not a valid IPv6 address: " + problem);
    }

    /** True for a 16-byte {@code ::ffff:a.b.c.d} address. */
    public static boolean isMapped(byte[] a) {
        if (a == null || a.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /**
     * Where the address to match starts: 12 for an IPv4-mapped 16-byte address (match its IPv4
     * tail), else 0. Lets the hot path normalize without copying.
     */
    public static int v4Offset(byte[] a) {
        return isMapped(a) ? 12 : 0;
    }

    /** Canonical text for messages: dotted IPv4 (also for mapped addresses), RFC 5952 IPv6. */
    public static String format(byte[] a) {
        if (a == null) {
            return "null";
        }
        int off = v4Offset(a);
        return format(a, off, a.length - off);
    }

    static String format(byte[] a, int off, int len) {
        if (len == 4) {
            return (a[off] & 255) + "." + (a[off + 1] & 255) + "." + (a[off + 2] & 255) + "." + (a[off + 3] & 255);
        }
        if (len != 16) {
            return "<" + len + "-byte address>";
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[off + 2 * i] & 255) << 8) | (a[off + 2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: only runs of two or more zero groups are shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Address and port for messages: {@code 10.0.0.1:443}, {@code [fd00::1]:443}. */
    static String formatWithPort(byte[] a, int off, int len, int port) {
        String s = format(a, off, len);
        return len == 16 ? "[" + s + "]:" + port : s + ":" + port;
    }
}
