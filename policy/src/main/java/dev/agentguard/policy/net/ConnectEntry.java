package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * One {@code network.connect} or {@code network.deny} entry of the form {@code HOST[:PORTS]}: a DNS
 * name or wildcard name ({@link HostPattern}), or an IP literal or CIDR block ({@link Cidr}), with
 * ports ({@link PortSet}; absent means every port).
 *
 * <p>{@code unix:GLOB} entries are not parsed here: see {@link UnixPathMatcher#globOf}. Keeping the
 * text as written lets messages show the user their own rule.
 */
public final class ConnectEntry {
    private final String text;
    private final HostPattern name;
    private final Cidr block;
    private final PortSet ports;

    private ConnectEntry(String text, HostPattern name, Cidr block, PortSet ports) {
        this.text = text;
        this.name = name;
        this.block = block;
        this.ports = ports;
    }

    /**
     * Parses {@code HOST[:PORTS]}.
     *
     * @throws IllegalArgumentException for a {@code unix:} entry, which the caller must compile itself
     */
    public static ConnectEntry parse(String text) throws PatternException {
        if (UnixPathMatcher.globOf(text) != null) {
            throw new IllegalArgumentException("unix: entries are compiled by the caller: " + text);
        }
        String[] hp = EntrySyntax.splitHostPorts(text);
        String host = hp[0];
        if (host.isEmpty()) {
            throw new PatternException("'" + text + "' has no host before ':'");
        }
        PortSet ports = hp[1] == null ? PortSet.ANY : PortSet.parse(hp[1]);
        if (EntrySyntax.isAddressLike(host)) {
            return new ConnectEntry(text, null, EntrySyntax.addressOrBlock(host), ports);
        }
        return new ConnectEntry(text, HostPattern.parse(host), null, ports);
    }

    /** The entry as written in the policy. */
    public String text() {
        return text;
    }

    /** The DNS name or wildcard, or null for an address entry. */
    public HostPattern name() {
        return name;
    }

    /** The address or block, or null for a name entry. */
    public Cidr block() {
        return block;
    }

    public PortSet ports() {
        return ports;
    }

    public boolean isName() {
        return name != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
