package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block ({@code 10.1.0.0/16}, {@code fd00::/8}); a single address is the
 * block of full length ({@code /32}, {@code /128}).
 *
 * <p>Why host bits are an error: {@code 10.1.2.3/16} is usually a typo for either the host or the
 * block, and silently widening a grant to the block is the wrong guess for a security policy.
 *
 * <p>IPv4-mapped blocks ({@code ::ffff:10.0.0.0/104}) become IPv4 blocks ({@code 10.0.0.0/8}) because
 * addresses are matched in their IPv4 form. An IPv6 block shorter than /96 (such as {@code ::/0})
 * stays IPv6 and therefore never matches an IPv4 address: write {@code 0.0.0.0/0} for those.
 *
 * <p>{@link #contains} compares bytes in place and allocates nothing.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The block holding exactly {@code address} (4 or 16 bytes; an IPv4-mapped one becomes IPv4). */
    public static Cidr host(byte[] address) {
        int off = IpAddresses.v4Offset(address);
        byte[] a = Arrays.copyOfRange(address, off, address.length);
        if (a.length != 4 && a.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + a.length);
        }
        return new Cidr(a, a.length * 8);
    }

    /**
     * Parses {@code ADDRESS/PREFIX}. The address may be bracketed ({@code [fd00::]/8}), or the whole
     * block may be ({@code [fd00::/8]}).
     */
    public static Cidr parse(String text) throws PatternException {
        String s = text == null ? "" : text;
        if (s.startsWith("[") && s.endsWith("]") && s.indexOf('/') >= 0 && s.indexOf(']') == s.length() - 1) {
            s = s.substring(1, s.length() - 1);
            if (s.indexOf(':') < 0) {
                throw new PatternException("brackets are only for IPv6 addresses: '" + text + "'");
            }
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new PatternException("CIDR '" + text + "' has no '/PREFIX'");
        }
        if (s.indexOf('/', slash + 1) >= 0) {
            throw new PatternException("CIDR '" + text + "' has more than one '/'");
        }
        String len = s.substring(slash + 1);
        byte[] raw = IpAddresses.parseRaw(s.substring(0, slash));
        int bits = raw.length * 8;
        int prefix = prefixLength(len, text, bits);
        checkHostBits(raw, prefix, text);
        if (IpAddresses.isMapped(raw) && prefix >= 96) {
            return new Cidr(Arrays.copyOfRange(raw, 12, 16), prefix - 96);
        }
        return new Cidr(raw, prefix);
    }

    private static int prefixLength(String len, String text, int bits) throws PatternException {
        if (len.isEmpty()) {
            throw new PatternException("CIDR '" + text + "' has no prefix length after '/'");
        }
        for (int i = 0; i < len.length(); i++) {
            char c = len.charAt(i);
            if (c < '0' || c > '9') {
                throw new PatternException("CIDR '" + text + "' has prefix length '" + len
                        + "', which is not a number");
            }
        }
        if (len.length() > 1 && len.charAt(0) == '0') {
            throw new PatternException("CIDR '" + text + "' has prefix length '" + len + "' with a leading zero");
        }
        int p = len.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(len);
        if (p > bits) {
            throw new PatternException("CIDR '" + text + "' has prefix length " + len + "; "
                    + (bits == 32 ? "IPv4" : "IPv6") + " allows 0-" + bits);
        }
        return p;
    }

    private static void checkHostBits(byte[] raw, int prefix, String text) throws PatternException {
        byte[] masked = raw.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] &= (byte) mask(prefix, i);
        }
        if (!Arrays.equals(raw, masked)) {
            Cidr meant = IpAddresses.isMapped(masked) && prefix >= 96
                    ? new Cidr(Arrays.copyOfRange(masked, 12, 16), prefix - 96)
                    : new Cidr(masked, prefix);
            throw new PatternException("CIDR '" + text + "' has host bits set; did you mean " + meant + "?");
        }
    }

    /** The mask byte for byte {@code i} of a block of length {@code prefix}. */
    private static int mask(int prefix, int i) {
        int bitsInByte = prefix - 8 * i;
        if (bitsInByte >= 8) {
            return 0xff;
        }
        if (bitsInByte <= 0) {
            return 0;
        }
        return (0xff << (8 - bitsInByte)) & 0xff;
    }

    /** True when {@code len} bytes of {@code a} from {@code off} (4 or 16) lie in this block. */
    public boolean contains(byte[] a, int off, int len) {
        if (len != network.length) {
            return false;
        }
        int full = prefix >>> 3;
        for (int i = 0; i < full; i++) {
            if (a[off + i] != network[i]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return ((a[off + full] ^ network[full]) & m) == 0;
    }

    /** True when every address of this block lies in {@code outer}. */
    public boolean within(Cidr outer) {
        return outer.network.length == network.length && prefix >= outer.prefix
                && outer.contains(network, 0, network.length);
    }

    /** True for a block of one address ({@code /32} or {@code /128}). */
    public boolean isSingleAddress() {
        return prefix == network.length * 8;
    }

    /** True for exactly the unspecified address {@code 0.0.0.0} or {@code ::}, the wildcard of a bind. */
    public boolean isUnspecifiedAddress() {
        if (!isSingleAddress()) {
            return false;
        }
        for (byte b : network) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int prefixLength() {
        return prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr && ((Cidr) o).prefix == prefix && Arrays.equals(((Cidr) o).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** Canonical form, e.g. {@code 10.1.0.0/16}, {@code fd00::/8}; a single address without prefix. */
    @Override
    public String toString() {
        String a = IpAddresses.format(network, 0, network.length);
        return isSingleAddress() ? a : a + "/" + prefix;
    }
}
