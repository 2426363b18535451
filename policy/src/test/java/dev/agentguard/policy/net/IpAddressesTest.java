package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {
    private static final String ADVICE = "; write four decimal parts 0-255, like 127.0.0.1";

    private static String fmt(String text) throws PatternException {
        return IpAddresses.format(IpAddresses.parse(text));
    }

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> IpAddresses.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void parsesDottedIpv4() throws PatternException {
        assertThat(IpAddresses.parse("127.0.0.1")).containsExactly(127, 0, 0, 1);
        assertThat(IpAddresses.parse("0.0.0.0")).containsExactly(0, 0, 0, 0);
        assertThat(IpAddresses.parse("255.255.255.255")).containsExactly(-1, -1, -1, -1);
        assertThat(fmt("10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void rejectsOctalSpelling() {
        rejects("010.0.0.1", "'010.0.0.1' is not a plain dotted IPv4 address: part '010' has a leading zero"
                + " (C resolvers read it as 8.0.0.1)" + ADVICE);
    }

    @Test
    void rejectsHexSpelling() {
        rejects("0x7f.1", "'0x7f.1' is not a plain dotted IPv4 address: part '0x7f' is hexadecimal"
                + " (C resolvers read it as 127.0.0.1)" + ADVICE);
        rejects("0x7f000001", "'0x7f000001' is not a plain dotted IPv4 address: part '0x7f000001' is hexadecimal"
                + " (C resolvers read it as 127.0.0.1)" + ADVICE);
    }

    @Test
    void rejectsSingleNumberSpelling() {
        rejects("2130706433", "'2130706433' is not a plain dotted IPv4 address: it has 1 part instead of 4"
                + " (C resolvers read it as 127.0.0.1)" + ADVICE);
    }

    @Test
    void rejectsShortAndLongForms() {
        rejects("127.1", "'127.1' is not a plain dotted IPv4 address: it has 2 parts instead of 4"
                + " (C resolvers read it as 127.0.0.1)" + ADVICE);
        rejects("1.2.3", "'1.2.3' is not a plain dotted IPv4 address: it has 3 parts instead of 4"
                + " (C resolvers read it as 1.2.0.3)" + ADVICE);
        rejects("1.2.3.4.5", "'1.2.3.4.5' is not a plain dotted IPv4 address: it has 5 parts instead of 4" + ADVICE);
    }

    @Test
    void rejectsOutOfRangeAndEmptyParts() {
        rejects("1.2.3.256", "'1.2.3.256' is not a plain dotted IPv4 address: part '256' is greater than 255" + ADVICE);
        rejects("1.2.3.4000", "'1.2.3.4000' is not a plain dotted IPv4 address: part '4000' is greater than 255"
                + ADVICE);
        rejects("1..2.3", "'1..2.3' is not a plain dotted IPv4 address: it has an empty part" + ADVICE);
        rejects("1.2.3.4.", "'1.2.3.4.' is not a plain dotted IPv4 address: it has an empty part" + ADVICE);
    }

    @Test
    void rejectsNonAddresses() {
        rejects("example.com", "'example.com' is not an IP address");
        rejects("1.2.3.a", "'1.2.3.a' is not an IP address");
        rejects("", "empty IP address");
        rejects("[10.0.0.1]", "brackets are only for IPv6 addresses: '[10.0.0.1]'");
        rejects("[::1", "unbalanced brackets in IP address '[::1'");
        rejects("::1]", "unbalanced brackets in IP address '::1]'");
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "[::1], ::1",
        "1::, 1::",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "fe80::1:2, fe80::1:2",
        "1:0:0:1:0:0:0:1, 1:0:0:1::1",
        "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "fd00:ec2::254, fd00:ec2::254",
        "::1.2.3.4, ::102:304",
        "64:ff9b::10.0.0.1, 64:ff9b::a00:1",
        "0:0:0:0:0:0:1.2.3.4, ::102:304",
    })
    void parsesAndFormatsIpv6(String text, String canonical) throws PatternException {
        assertThat(IpAddresses.parse(text)).hasSize(16);
        assertThat(fmt(text)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
        "::ffff:169.254.169.254, 169.254.169.254",
        "[::ffff:10.0.0.1], 10.0.0.1",
        "::ffff:a9fe:a9fe, 169.254.169.254",
        "0:0:0:0:0:FFFF:7f00:1, 127.0.0.1",
    })
    void normalizesMappedToIpv4(String text, String v4) throws PatternException {
        byte[] a = IpAddresses.parse(text);
        assertThat(a).hasSize(4);
        assertThat(IpAddresses.format(a)).isEqualTo(v4);
    }

    @Test
    void rejectsBadIpv6() {
        rejects("1:2:3:4:5:6:7", "'1:2:3:4:5:6:7' is not a valid IPv6 address: it has 7 groups instead of 8");
        rejects("1:2:3:4:5:6:7:8:9", "'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address: it has more than 8 groups");
        rejects("1:2:3:4:5:6:7:8::", "'1:2:3:4:5:6:7:8::' is not a valid IPv6 address: it has too many groups to use '::'");
        rejects("1::2::3", "'1::2::3' is not a valid IPv6 address: '::' may appear only once");
        rejects(":::", "':::' is not a valid IPv6 address: '::' may appear only once");
        rejects(":1::2", "':1::2' is not a valid IPv6 address: it has an empty group");
        rejects("1::2:", "'1::2:' is not a valid IPv6 address: it has an empty group");
        rejects("12345::", "'12345::' is not a valid IPv6 address: group '12345' has more than 4 hex digits");
        rejects("fg::1", "'fg::1' is not a valid IPv6 address: group 'fg' is not hexadecimal");
        rejects("1.2.3.4::", "'1.2.3.4::' is not a valid IPv6 address: an embedded IPv4 part may only come last");
        rejects("::ffff:010.0.0.1", "'010.0.0.1' is not a plain dotted IPv4 address: part '010' has a leading zero"
                + " (C resolvers read it as 8.0.0.1)" + ADVICE);
    }

    @Test
    void rejectsZoneIds() {
        rejects("fe80::1%eth0", "zone ids are not allowed in policy addresses: 'fe80::1%eth0' (remove '%eth0')");
        rejects("[fe80::1%25eth0]", "zone ids are not allowed in policy addresses: '[fe80::1%25eth0]' (remove '%25eth0')");
    }

    @Test
    void numericSpellings() {
        assertThat(IpAddresses.isNumericSpelling("2130706433")).isTrue();
        assertThat(IpAddresses.isNumericSpelling("0x7f.1")).isTrue();
        assertThat(IpAddresses.isNumericSpelling("0X7F.0.0.1")).isTrue();
        assertThat(IpAddresses.isNumericSpelling("1.2.3.4.5")).isFalse();
        assertThat(IpAddresses.isNumericSpelling("example.com")).isFalse();
        assertThat(IpAddresses.isNumericSpelling("1e100.net")).isFalse();
        assertThat(IpAddresses.isNumericSpelling("0x")).isFalse();
        assertThat(IpAddresses.isNumericSpelling("")).isFalse();
    }

    @Test
    void inetAtonReadingsUsedInMessages() {
        assertThat(IpAddresses.inetAton("0x7f.1")).isEqualTo(0x7f000001L);
        assertThat(IpAddresses.inetAton("017700000001")).isEqualTo(0x7f000001L);
        assertThat(IpAddresses.inetAton("09.1.1.1")).isEqualTo(-1); // 9 is not octal
        assertThat(IpAddresses.inetAton("256.1")).isEqualTo(-1);
        assertThat(IpAddresses.inetAton("1.16777216")).isEqualTo(-1);
    }

    @Test
    void mappedViewWithoutCopy() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        assertThat(IpAddresses.isMapped(mapped)).isTrue();
        assertThat(IpAddresses.v4Offset(mapped)).isEqualTo(12);
        assertThat(IpAddresses.format(mapped)).isEqualTo("169.254.169.254");
        assertThat(IpAddresses.v4Offset(new byte[] {1, 2, 3, 4})).isZero();
        mapped[9] = 1;
        assertThat(IpAddresses.isMapped(mapped)).isFalse();
    }
}
