package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class ListenEntryTest {
    private static boolean binds(ListenEntry e, String address, int port) throws PatternException {
        byte[] a = IpAddresses.parse(address);
        return e.matches(a, 0, a.length, port);
    }

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> ListenEntry.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void addressAndRange() throws PatternException {
        ListenEntry e = ListenEntry.parse("127.0.0.1:8000-8100");
        assertThat(binds(e, "127.0.0.1", 8000)).isTrue();
        assertThat(binds(e, "127.0.0.1", 8100)).isTrue();
        assertThat(binds(e, "127.0.0.1", 8101)).isFalse();
        assertThat(binds(e, "127.0.0.1", 0)).as("ephemeral only with *").isFalse();
        assertThat(binds(e, "127.0.0.2", 8000)).isFalse();
        assertThat(binds(e, "0.0.0.0", 8000)).isFalse();
        assertThat(e.text()).isEqualTo("127.0.0.1:8000-8100");
    }

    @Test
    void localhostMeansBothLoopbacks() throws PatternException {
        ListenEntry e = ListenEntry.parse("localhost:*");
        assertThat(binds(e, "127.0.0.1", 0)).isTrue();
        assertThat(binds(e, "::1", 8080)).isTrue();
        assertThat(binds(e, "127.0.0.2", 8080)).isFalse();
        assertThat(binds(e, "0.0.0.0", 8080)).isFalse();
    }

    @Test
    void wildcardOnlyWhenNamed() throws PatternException {
        ListenEntry v4 = ListenEntry.parse("0.0.0.0:8080");
        assertThat(binds(v4, "0.0.0.0", 8080)).isTrue();
        assertThat(binds(v4, "::", 8080)).as("the IPv6 wildcard is a different bind").isFalse();
        assertThat(binds(v4, "10.0.0.5", 8080)).isFalse();
        ListenEntry v6 = ListenEntry.parse("[::]:8080");
        assertThat(binds(v6, "::", 8080)).isTrue();
        assertThat(binds(v6, "0.0.0.0", 8080)).isFalse();
        ListenEntry block = ListenEntry.parse("0.0.0.0/0:8080");
        assertThat(binds(block, "10.0.0.5", 8080)).isTrue();
        assertThat(binds(block, "0.0.0.0", 8080)).as("a block does not name the wildcard").isFalse();
        ListenEntry any = ListenEntry.parse("*:8080");
        assertThat(binds(any, "0.0.0.0", 8080)).isTrue();
        assertThat(binds(any, "::", 8080)).isTrue();
        assertThat(binds(any, "10.0.0.5", 8080)).isTrue();
        assertThat(binds(any, "10.0.0.5", 8081)).isFalse();
    }

    @Test
    void mappedWildcardIsTheIpv4Wildcard() throws PatternException {
        ListenEntry v4 = ListenEntry.parse("0.0.0.0:8080");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0};
        assertThat(v4.matches(mapped, 12, 4, 8080)).isTrue();
    }

    @Test
    void errors() {
        rejects("127.0.0.1", "listen entry '127.0.0.1' needs ports, like 127.0.0.1:8080 or 127.0.0.1:*");
        rejects("::1", "listen entry '::1' needs ports, like [::1]:8080 or [::1]:*");
        rejects("[::1]", "listen entry '[::1]' needs ports, like [::1]:8080 or [::1]:*");
        rejects(":8080", "listen entry ':8080' has no address before ':' (expected an IP address, a CIDR block,"
                + " localhost, 0.0.0.0, [::] or *)");
        rejects("myhost:8080", "listen address 'myhost' must be an IP address, a CIDR block, localhost, 0.0.0.0,"
                + " [::] or *; host names are not resolved");
        rejects("127.0.0.1:0", "port 0 is not allowed; ports are 1-65535 (use * for any port)");
        rejects("127.1:80", "'127.1' is not a plain dotted IPv4 address: it has 2 parts instead of 4"
                + " (C resolvers read it as 127.0.0.1); write four decimal parts 0-255, like 127.0.0.1");
        assertThatThrownBy(() -> ListenEntry.parse("unix:/tmp/x.sock")).isInstanceOf(IllegalArgumentException.class);
    }
}
