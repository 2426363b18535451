/**
 * The {@code network} section of the policy (POLICY.md section 6): parsing its entries strictly and
 * deciding lookups, connects and binds. Pure Java; nothing here ever performs a DNS lookup.
 *
 * <p>Choices made where POLICY.md is silent (keep the user docs in step with these):
 * <ul>
 * <li>IPv4 in a policy is four plain decimal parts. {@code 010.0.0.1}, {@code 0x7f.1},
 *     {@code 2130706433} and {@code 127.1} are errors whose message says what a C resolver would read.
 *     At run time addresses are compared as bytes, so such spellings cannot dodge a rule.</li>
 * <li>IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) is IPv4 everywhere. An IPv6 block shorter than /96
 *     ({@code ::/0}) never matches an IPv4 address.</li>
 * <li>IPv6 with ports is bracketed ({@code [::1]:8080}); unbracketed IPv6 has no ports, so
 *     {@code ::1:8080} is an address. Zone ids ({@code %eth0}) are rejected.</li>
 * <li>Host names: letters, digits, {@code -}, {@code _}; international names in {@code xn--} form;
 *     case folded for ASCII only; a trailing dot ignored. {@code *.x} needs one or more labels before
 *     {@code x}. A bare {@code *} host is an error (write {@code 0.0.0.0/0} and {@code ::/0}).</li>
 * <li>Port 0 never appears in a policy; at run time (ephemeral bind) only {@code *} grants it.</li>
 * <li>{@code network.deny}: address entries also deny binds; name entries deny connects by the name the
 *     guard saw resolve, and lookups when they have no port list; {@code unix:} entries deny both
 *     connecting and binding.</li>
 * <li>{@code network.resolve} takes names only (no IP, no port).</li>
 * <li>{@code network.listen} needs ports. ADDR is an IP, a CIDR block, {@code localhost} (= 127.0.0.1 and
 *     ::1, not resolved), {@code 0.0.0.0} (IPv4 wildcard), {@code [::]} (IPv6 wildcard) or {@code *}
 *     (both wildcards and every address). {@code unix:GLOB} grants binding a Unix socket.</li>
 * <li>{@code unix:} always starts a Unix socket entry; its glob is compiled by the caller
 *     ({@link dev.agentguard.policy.net.UnixPathMatcher}).</li>
 * </ul>
 */
package dev.agentguard.policy.net;
