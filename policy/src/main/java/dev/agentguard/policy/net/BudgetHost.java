package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * A key of {@code budgets.outbound_bytes_per_host}: a DNS name ({@code api.openai.com}, {@code *.example.com}),
 * an IP address ({@code 127.0.0.1}, {@code ::1}) or a CIDR block ({@code 10.0.0.0/8}). A name matches a peer
 * the guard saw resolve from it; an address or block matches the peer's address itself, so a local model
 * server reached by its address has a budget too.
 */
public final class BudgetHost {
    private final HostPattern name;
    private final Cidr block;

    private BudgetHost(HostPattern name, Cidr block) {
        this.name = name;
        this.block = block;
    }

    /** Parses a key as written; the message of the exception says what is wrong. */
    public static BudgetHost parse(String text) throws PatternException {
        if (text != null && text.indexOf('/') >= 0) {
            return new BudgetHost(null, Cidr.parse(text));
        }
        if (text != null && (text.indexOf(':') >= 0 || IpAddresses.isNumericSpelling(text))) {
            return new BudgetHost(null, Cidr.host(IpAddresses.parse(text)));
        }
        return new BudgetHost(HostPattern.parse(text), null);
    }

    /**
     * True when the peer at {@code address} (4 or 16 bytes; an IPv4-mapped address counts as IPv4; may be
     * null), known by {@code names}, is this key's. Allocates nothing.
     */
    public boolean matches(String[] names, byte[] address) {
        if (block != null) {
            if (address == null) {
                return false;
            }
            int off = IpAddresses.v4Offset(address);
            return block.contains(address, off, address.length - off);
        }
        for (String n : names) {
            if (name.matches(n)) {
                return true;
            }
        }
        return false;
    }
}
