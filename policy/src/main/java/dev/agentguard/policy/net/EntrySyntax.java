package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * The shared syntax of {@code HOST[:PORTS]} and {@code ADDR:PORTS} entries: where the host ends and
 * whether the host is an address. Kept apart so connect, deny and listen entries split the same way.
 *
 * <p>IPv6 with ports must be bracketed ({@code [::1]:8080}, {@code [fd00::/8]:443} or
 * {@code [fd00::]/8:443}); text with two or more colons and no brackets is a bare IPv6 address or
 * block without ports. Note that {@code ::1:8080} is therefore the address {@code ::1:8080}, not
 * {@code ::1} port 8080 (a narrower grant than meant, never a wider one).
 */
final class EntrySyntax {
    private EntrySyntax() {
    }

    /** {host, ports}; ports is null when the entry has none. */
    static String[] splitHostPorts(String text) throws PatternException {
        if (text == null || text.isEmpty()) {
            throw new PatternException("empty entry");
        }
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new PatternException("'" + text + "' has '[' without a closing ']'");
            }
            int end = close + 1;
            if (end < text.length() && text.charAt(end) == '/') {
                int colon = text.indexOf(':', end);
                end = colon < 0 ? text.length() : colon;
            }
            String host = text.substring(0, end);
            if (end == text.length()) {
                return new String[] {host, null};
            }
            if (text.charAt(end) != ':') {
                throw new PatternException("unexpected '" + text.substring(end) + "' after ']' in '" + text + "'");
            }
            return new String[] {host, text.substring(end + 1)};
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new String[] {text, null};
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            return new String[] {text, null};
        }
        return new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    /** True when {@code host} is meant as an IP address or block rather than a DNS name. */
    static boolean isAddressLike(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0 || host.indexOf('/') >= 0
                || IpAddresses.isNumericSpelling(host);
    }

    /** Parses an IP literal or CIDR block, bracketed or not; explains a bare IPv6 with ports. */
    static Cidr addressOrBlock(String host) throws PatternException {
        try {
            return host.indexOf('/') >= 0 ? Cidr.parse(host) : Cidr.host(IpAddresses.parse(host));
        } catch (PatternException e) {
            throw withBracketHint(host, e);
        }
    }

    /** If a bare IPv6 text fails only because it ends in ":PORTS", say that ports need brackets. */
    private static PatternException withBracketHint(String host, PatternException e) {
        int last = host.lastIndexOf(':');
        if (host.startsWith("[") || last < 0 || host.indexOf(':') == last) {
            return e;
        }
        String before = host.substring(0, last);
        try {
            PortSet.parse(host.substring(last + 1));
            if (before.indexOf('/') >= 0) {
                Cidr.parse(before);
            } else {
                IpAddresses.parse(before);
            }
        } catch (PatternException notThat) {
            return e;
        }
        return new PatternException("'" + host + "': an IPv6 address with ports must be bracketed, like ["
                + before + "]:" + host.substring(last + 1));
    }
}
