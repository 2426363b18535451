package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class ConnectEntryTest {
    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> ConnectEntry.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void nameWithPort() throws PatternException {
        ConnectEntry e = ConnectEntry.parse("api.openai.com:443");
        assertThat(e.isName()).isTrue();
        assertThat(e.name()).hasToString("api.openai.com");
        assertThat(e.block()).isNull();
        assertThat(e.ports()).hasToString("443");
        assertThat(e.text()).isEqualTo("api.openai.com:443");
    }

    @Test
    void nameWithoutPortMeansAnyPort() throws PatternException {
        ConnectEntry e = ConnectEntry.parse("*.github.com");
        assertThat(e.name().isWildcard()).isTrue();
        assertThat(e.ports()).isSameAs(PortSet.ANY);
    }

    @Test
    void addressesAndBlocks() throws PatternException {
        assertThat(ConnectEntry.parse("127.0.0.1:8080").block()).hasToString("127.0.0.1");
        assertThat(ConnectEntry.parse("10.1.0.0/16:5432").block()).hasToString("10.1.0.0/16");
        assertThat(ConnectEntry.parse("10.1.0.0/16").ports()).isSameAs(PortSet.ANY);
        assertThat(ConnectEntry.parse("::1").block()).hasToString("::1");
        assertThat(ConnectEntry.parse("::1").ports()).isSameAs(PortSet.ANY);
        assertThat(ConnectEntry.parse("fd00::/8").block()).hasToString("fd00::/8");
        assertThat(ConnectEntry.parse("[::1]").block()).hasToString("::1");
        ConnectEntry v6 = ConnectEntry.parse("[::1]:8080");
        assertThat(v6.block()).hasToString("::1");
        assertThat(v6.ports().contains(8080)).isTrue();
        assertThat(ConnectEntry.parse("[fd00::/8]:443").block()).hasToString("fd00::/8");
        assertThat(ConnectEntry.parse("[fd00::]/8:443").block()).hasToString("fd00::/8");
        assertThat(ConnectEntry.parse("[fd00::]/8").ports()).isSameAs(PortSet.ANY);
        assertThat(ConnectEntry.parse("[::ffff:169.254.169.254]:80").block()).hasToString("169.254.169.254");
    }

    @Test
    void bareIpv6EndingInDigitsIsAnAddressNotAPort() throws PatternException {
        ConnectEntry e = ConnectEntry.parse("::1:8080");
        assertThat(e.block()).hasToString("::1:8080");
        assertThat(e.ports()).isSameAs(PortSet.ANY);
    }

    @Test
    void numericSpellingsRejected() {
        String advice = "; write four decimal parts 0-255, like 127.0.0.1";
        rejects("010.0.0.1", "'010.0.0.1' is not a plain dotted IPv4 address: part '010' has a leading zero"
                + " (C resolvers read it as 8.0.0.1)" + advice);
        rejects("0x7f.1:80", "'0x7f.1' is not a plain dotted IPv4 address: part '0x7f' is hexadecimal"
                + " (C resolvers read it as 127.0.0.1)" + advice);
        rejects("2130706433", "'2130706433' is not a plain dotted IPv4 address: it has 1 part instead of 4"
                + " (C resolvers read it as 127.0.0.1)" + advice);
        rejects("127.1:8080", "'127.1' is not a plain dotted IPv4 address: it has 2 parts instead of 4"
                + " (C resolvers read it as 127.0.0.1)" + advice);
    }

    @Test
    void ipv6WithPortsMustBeBracketed() {
        rejects("fd00::/8:443", "'fd00::/8:443': an IPv6 address with ports must be bracketed, like [fd00::/8]:443");
        rejects("1:2:3:4:5:6:7:8:443",
                "'1:2:3:4:5:6:7:8:443': an IPv6 address with ports must be bracketed, like [1:2:3:4:5:6:7:8]:443");
        rejects("fe80::1%eth0", "zone ids are not allowed in policy addresses: 'fe80::1%eth0' (remove '%eth0')");
    }

    @Test
    void syntaxErrors() {
        rejects("", "empty entry");
        rejects(":443", "':443' has no host before ':'");
        rejects("example.com:", "missing port list (expected a port 1-65535, a list like 80,443, a range like"
                + " 8000-9000, or *)");
        rejects("example.com:0", "port 0 is not allowed; ports are 1-65535 (use * for any port)");
        rejects("[::1", "'[::1' has '[' without a closing ']'");
        rejects("[::1]8080", "unexpected '8080' after ']' in '[::1]8080'");
        rejects("[10.0.0.1]:80", "brackets are only for IPv6 addresses: '[10.0.0.1]'");
        rejects("*:443", "'*' is not a host; to grant every address write 0.0.0.0/0 and ::/0");
        rejects("10.1.2.3/16:5432", "CIDR '10.1.2.3/16' has host bits set; did you mean 10.1.0.0/16?");
        rejects("foo bar:80", "host name 'foo bar' contains invalid character ' '");
    }

    @Test
    void unixEntriesAreTheCallersJob() {
        assertThat(UnixPathMatcher.globOf("unix:/run/*.sock")).isEqualTo("/run/*.sock");
        assertThat(UnixPathMatcher.globOf("example.com:443")).isNull();
        assertThat(UnixPathMatcher.globOf(null)).isNull();
        assertThatThrownBy(() -> ConnectEntry.parse("unix:/run/x.sock")).isInstanceOf(IllegalArgumentException.class);
    }
}
