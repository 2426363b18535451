package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * One {@code network.listen} entry, {@code ADDR:PORTS}: the local address a server or receiving
 * datagram socket may bind, and its ports. Ports are required; {@code *} includes port 0 (let the
 * system choose), which no narrower list grants.
 *
 * <p>ADDR is one of:
 * <ul>
 * <li>an IP literal ({@code 127.0.0.1}, {@code [::1]}) or CIDR block ({@code 10.0.0.0/8});
 * <li>{@code localhost}: exactly 127.0.0.1 and ::1. It is not resolved (the guard never does DNS for
 *     a policy), and binding is local, so these two addresses are what it means;
 * <li>a wildcard: {@code 0.0.0.0} grants the IPv4 wildcard bind, {@code [::]} the IPv6 one (on a
 *     dual-stack JVM, the default of {@code new ServerSocket(port)}, it also accepts IPv4), and
 *     {@code *} grants both wildcards and every specific address.
 * </ul>
 * Why wildcards are special: binding the wildcard exposes the socket on every interface. A block such
 * as {@code 0.0.0.0/0} contains 0.0.0.0 but does not name it, so it does not grant a wildcard bind.
 */
public final class ListenEntry {
    private static final String EXPECTED = "an IP address, a CIDR block, localhost, 0.0.0.0, [::] or *";

    private final String text;
    private final boolean anyAddress;
    private final Cidr[] blocks;
    private final PortSet ports;

    private ListenEntry(String text, boolean anyAddress, Cidr[] blocks, PortSet ports) {
        this.text = text;
        this.anyAddress = anyAddress;
        this.blocks = blocks;
        this.ports = ports;
    }

    /**
     * Parses {@code ADDR:PORTS}.
     *
     * @throws IllegalArgumentException for a {@code unix:} entry, which the caller must compile itself
     */
    public static ListenEntry parse(String text) throws PatternException {
        if (UnixPathMatcher.globOf(text) != null) {
            throw new IllegalArgumentException("unix: entries are compiled by the caller: " + text);
        }
        String[] hp = EntrySyntax.splitHostPorts(text);
        String addr = hp[0];
        if (addr.isEmpty()) {
            throw new PatternException("listen entry '" + text + "' has no address before ':' (expected " + EXPECTED + ")");
        }
        if (hp[1] == null) {
            String shown = addr.indexOf(':') >= 0 && !addr.startsWith("[") ? "[" + addr + "]" : addr;
            throw new PatternException("listen entry '" + text + "' needs ports, like " + shown + ":8080 or "
                    + shown + ":*");
        }
        PortSet ports = PortSet.parse(hp[1]);
        if (addr.equals("*")) {
            return new ListenEntry(text, true, new Cidr[0], ports);
        }
        if (addr.equalsIgnoreCase("localhost")) {
            return new ListenEntry(text, false, new Cidr[] {
                Cidr.host(new byte[] {127, 0, 0, 1}), Cidr.host(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
            }, ports);
        }
        if (!EntrySyntax.isAddressLike(addr)) {
            throw new PatternException("listen address '" + addr + "' must be " + EXPECTED
                    + "; host names are not resolved");
        }
        return new ListenEntry(text, false, new Cidr[] {EntrySyntax.addressOrBlock(addr)}, ports);
    }

    /**
     * True when binding the address ({@code len} bytes of {@code a} from {@code off}) and port is
     * granted. An unspecified address (wildcard bind) matches only an entry that names that wildcard,
     * or {@code *}. Allocation-free.
     */
    public boolean matches(byte[] a, int off, int len, int port) {
        if (!ports.contains(port)) {
            return false;
        }
        if (anyAddress) {
            return true;
        }
        boolean wildcard = isUnspecified(a, off, len);
        for (Cidr b : blocks) {
            if (wildcard ? b.isUnspecifiedAddress() && b.contains(a, off, len) : b.contains(a, off, len)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnspecified(byte[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The entry as written in the policy. */
    public String text() {
        return text;
    }

    public PortSet ports() {
        return ports;
    }

    @Override
    public String toString() {
        return text;
    }
}
