package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * Link-local and cloud metadata addresses: 169.254.0.0/16, fe80::/10, fd00:ec2::254 (AWS IMDS over
 * IPv6) and 100.100.100.200 (Alibaba Cloud), also in their NAT64 form (64:ff9b::/96 + the IPv4 address).
 *
 * <p>Why they are special: a metadata service hands out the machine's cloud credentials to anyone on
 * the host who asks, so an agent that may reach "any host" (a broad CIDR) or a name that an attacker
 * can point anywhere must still not reach it. Only an IP or CIDR entry that lies inside one of these
 * ranges grants them: that is the user naming the address on purpose.
 */
final class MetadataRanges {
    private static final Cidr[] RANGES = {
        block("169.254.0.0/16"), block("100.100.100.200/32"), block("fe80::/10"), block("fd00:ec2::254/128"),
    };

    private MetadataRanges() {
    }

    private static Cidr block(String text) {
        try {
            return Cidr.parse(text);
        } catch (PatternException e) {
            throw new ExceptionInInitializerError(e.getMessage());
        }
    }

    /** The range that holds the address, or null; allocation-free. */
    static Cidr find(byte[] a, int off, int len) {
        for (Cidr r : RANGES) {
            if (r.contains(a, off, len)) {
                return r;
            }
        }
        // NAT64 (64:ff9b::/96, RFC 6052) carries an IPv4 address in its last four bytes; on a NAT64
        // network 64:ff9b::a9fe:a9fe reaches 169.254.169.254. Judge the embedded address too.
        if (len == 16 && isNat64(a, off)) {
            for (Cidr r : RANGES) {
                if (r.contains(a, off + 12, 4)) {
                    return r;
                }
            }
        }
        return null;
    }

    private static boolean isNat64(byte[] a, int off) {
        if (a[off] != 0x00 || a[off + 1] != 0x64 || a[off + 2] != (byte) 0xff || a[off + 3] != (byte) 0x9b) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (a[off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when every address of {@code block} is inside one range, so the entry names it on purpose. */
    static boolean inside(Cidr block) {
        for (Cidr r : RANGES) {
            if (block.within(r)) {
                return true;
            }
        }
        return false;
    }
}
