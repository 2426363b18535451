package dev.agentguard.policy.net;

import java.util.List;

/**
 * Text for denial reasons: the target as the reader knows it, and the short list of what is granted
 * instead. Reasons are read by a model or a person deciding what to do next, so they name the target
 * and the alternatives on one line, and a long list is cut rather than flooding the message.
 */
public final class Summaries {
    /** How many granted entries a reason lists before it says how many more there are. */
    static final int MAX_LISTED = 8;

    private Summaries() {
    }

    /** {@code a, b, c}, cut after {@link #MAX_LISTED} with {@code , … (+N more)}; {@code none} if empty. */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size() && i < MAX_LISTED; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(items.get(i));
        }
        if (items.size() > MAX_LISTED) {
            sb.append(", \u2026 (+").append(items.size() - MAX_LISTED).append(" more)");
        }
        return sb.toString();
    }

    /**
     * {@code name:port (address)} when the name is known, else {@code address:port} with IPv6 in
     * brackets.
     */
    static String target(String name, byte[] a, int off, int len, int port) {
        if (name != null) {
            return oneLine(name) + ":" + port + " (" + IpAddresses.format(a, off, len) + ")";
        }
        return IpAddresses.formatWithPort(a, off, len, port);
    }

    /**
     * Application-supplied text (a host name, a socket path) with control characters shown as
     * {@code \\uXXXX}, so that a crafted name cannot break the one-line reason or forge a log line.
     */
    public static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
