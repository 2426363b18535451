package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static byte[] ip(String s) throws PatternException {
        return IpAddresses.parse(s);
    }

    private static boolean in(Cidr c, String address) throws PatternException {
        byte[] a = ip(address);
        return c.contains(a, 0, a.length);
    }

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void ipv4Block() throws PatternException {
        Cidr c = Cidr.parse("10.1.0.0/16");
        assertThat(in(c, "10.1.0.0")).isTrue();
        assertThat(in(c, "10.1.255.255")).isTrue();
        assertThat(in(c, "10.2.0.0")).isFalse();
        assertThat(in(c, "10.0.255.255")).isFalse();
        assertThat(in(c, "::ffff:a01:1")).as("mapped is parsed to IPv4").isTrue();
        assertThat(in(c, "fd00::1")).isFalse();
        assertThat(c).hasToString("10.1.0.0/16");
    }

    @Test
    void oddPrefixes() throws PatternException {
        Cidr c = Cidr.parse("192.168.0.128/25");
        assertThat(in(c, "192.168.0.128")).isTrue();
        assertThat(in(c, "192.168.0.255")).isTrue();
        assertThat(in(c, "192.168.0.127")).isFalse();
        Cidr v6 = Cidr.parse("fe80::/10");
        assertThat(in(v6, "febf:ffff::1")).isTrue();
        assertThat(in(v6, "fec0::1")).isFalse();
    }

    @Test
    void edges() throws PatternException {
        Cidr all4 = Cidr.parse("0.0.0.0/0");
        assertThat(in(all4, "0.0.0.0")).isTrue();
        assertThat(in(all4, "255.255.255.255")).isTrue();
        assertThat(in(all4, "::1")).as("an IPv4 block never matches IPv6").isFalse();
        Cidr all6 = Cidr.parse("::/0");
        assertThat(in(all6, "2001:db8::1")).isTrue();
        assertThat(in(all6, "10.0.0.1")).as("::/0 is IPv6 only").isFalse();
        Cidr one = Cidr.parse("10.0.0.1/32");
        assertThat(in(one, "10.0.0.1")).isTrue();
        assertThat(in(one, "10.0.0.2")).isFalse();
        assertThat(one.isSingleAddress()).isTrue();
        assertThat(one).hasToString("10.0.0.1");
        Cidr one6 = Cidr.parse("fd00:ec2::254/128");
        assertThat(in(one6, "fd00:ec2::254")).isTrue();
        assertThat(in(one6, "fd00:ec2::255")).isFalse();
        assertThat(one6).hasToString("fd00:ec2::254");
    }

    @Test
    void bracketedForms() throws PatternException {
        assertThat(Cidr.parse("[fd00::/8]")).isEqualTo(Cidr.parse("fd00::/8"));
        assertThat(Cidr.parse("[fd00::]/8")).isEqualTo(Cidr.parse("fd00::/8"));
        assertThat(Cidr.parse("fd00::/8")).hasToString("fd00::/8");
        rejects("[10.0.0.0/8]", "brackets are only for IPv6 addresses: '[10.0.0.0/8]'");
    }

    @Test
    void mappedBlockBecomesIpv4() throws PatternException {
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("::ffff:0:0/96")).isEqualTo(Cidr.parse("0.0.0.0/0"));
        assertThat(Cidr.parse("::ffff:0:0/96").isIpv4()).isTrue();
    }

    @Test
    void hostBitsAreAnError() {
        rejects("10.1.2.3/16", "CIDR '10.1.2.3/16' has host bits set; did you mean 10.1.0.0/16?");
        rejects("fd00::1/8", "CIDR 'fd00::1/8' has host bits set; did you mean fd00::/8?");
        rejects("10.0.0.1/0", "CIDR '10.0.0.1/0' has host bits set; did you mean 0.0.0.0/0?");
        rejects("::ffff:10.1.2.3/112", "CIDR '::ffff:10.1.2.3/112' has host bits set; did you mean 10.1.0.0/16?");
    }

    @Test
    void badPrefixes() {
        rejects("10.0.0.0/33", "CIDR '10.0.0.0/33' has prefix length 33; IPv4 allows 0-32");
        rejects("::/129", "CIDR '::/129' has prefix length 129; IPv6 allows 0-128");
        rejects("10.0.0.0/99999", "CIDR '10.0.0.0/99999' has prefix length 99999; IPv4 allows 0-32");
        rejects("10.0.0.0/", "CIDR '10.0.0.0/' has no prefix length after '/'");
        rejects("10.0.0.0/x", "CIDR '10.0.0.0/x' has prefix length 'x', which is not a number");
        rejects("10.0.0.0/-1", "CIDR '10.0.0.0/-1' has prefix length '-1', which is not a number");
        rejects("10.0.0.0/08", "CIDR '10.0.0.0/08' has prefix length '08' with a leading zero");
        rejects("10.0.0.0/8/8", "CIDR '10.0.0.0/8/8' has more than one '/'");
        rejects("10.0.0.0", "CIDR '10.0.0.0' has no '/PREFIX'");
        rejects("010.0.0.0/8", "'010.0.0.0' is not a plain dotted IPv4 address: part '010' has a leading zero"
                + " (C resolvers read it as 8.0.0.0); write four decimal parts 0-255, like 127.0.0.1");
    }

    @Test
    void within() throws PatternException {
        Cidr linkLocal = Cidr.parse("169.254.0.0/16");
        assertThat(Cidr.parse("169.254.169.254/32").within(linkLocal)).isTrue();
        assertThat(Cidr.parse("169.254.0.0/16").within(linkLocal)).isTrue();
        assertThat(Cidr.parse("169.0.0.0/8").within(linkLocal)).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").within(linkLocal)).isFalse();
        assertThat(Cidr.parse("fe80::/10").within(linkLocal)).isFalse();
    }

    @Test
    void hostAndUnspecified() throws PatternException {
        assertThat(Cidr.host(ip("0.0.0.0")).isUnspecifiedAddress()).isTrue();
        assertThat(Cidr.host(ip("::")).isUnspecifiedAddress()).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").isUnspecifiedAddress()).isFalse();
        assertThat(Cidr.host(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 1, 2, 3, 4}))
                .isEqualTo(Cidr.parse("1.2.3.4/32"));
        assertThatThrownBy(() -> Cidr.host(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
