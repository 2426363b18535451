package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class PortSetTest {
    private static final String EXPECTED = "expected a port 1-65535, a list like 80,443, a range like 8000-9000, or *";

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> PortSet.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void single() throws PatternException {
        PortSet p = PortSet.parse("443");
        assertThat(p.contains(443)).isTrue();
        assertThat(p.contains(444)).isFalse();
        assertThat(p.contains(0)).isFalse();
        assertThat(p).hasToString("443");
    }

    @Test
    void listAndRange() throws PatternException {
        PortSet p = PortSet.parse("80,443,8000-9000");
        assertThat(p.contains(80)).isTrue();
        assertThat(p.contains(443)).isTrue();
        assertThat(p.contains(8000)).isTrue();
        assertThat(p.contains(9000)).isTrue();
        assertThat(p.contains(7999)).isFalse();
        assertThat(p.contains(9001)).isFalse();
        assertThat(PortSet.parse("80, 443").contains(443)).as("space after comma").isTrue();
    }

    @Test
    void edges() throws PatternException {
        assertThat(PortSet.parse("1").contains(1)).isTrue();
        assertThat(PortSet.parse("65535").contains(65535)).isTrue();
        assertThat(PortSet.parse("1-65535").contains(0)).as("0 only via *").isFalse();
        assertThat(PortSet.parse("5-5").contains(5)).isTrue();
    }

    @Test
    void any() throws PatternException {
        assertThat(PortSet.parse("*")).isSameAs(PortSet.ANY);
        assertThat(PortSet.ANY.isAny()).isTrue();
        assertThat(PortSet.ANY.contains(0)).isTrue();
        assertThat(PortSet.ANY.contains(65535)).isTrue();
        assertThat(PortSet.ANY.contains(65536)).isFalse();
        assertThat(PortSet.ANY.contains(-1)).isFalse();
    }

    @Test
    void errors() {
        rejects("0", "port 0 is not allowed; ports are 1-65535 (use * for any port)");
        rejects("0-100", "port 0 is not allowed; ports are 1-65535 (use * for any port)");
        rejects("65536", "port 65536 is out of range; ports are 1-65535");
        rejects("1234567", "port 1234567 is out of range; ports are 1-65535");
        rejects("9000-8000", "port range 9000-8000 is reversed; did you mean 8000-9000?");
        rejects("http", "'http' is not a port; " + EXPECTED);
        rejects("-5", "'-5' is not a port; " + EXPECTED);
        rejects("8000-", "'8000-' is not a port; " + EXPECTED);
        rejects("1-2-3", "'1-2-3' is not a port; " + EXPECTED);
        rejects("0443", "port '0443' has a leading zero");
        rejects("80,,443", "empty entry in port list '80,,443'");
        rejects("80,", "empty entry in port list '80,'");
        rejects("80,*", "'*' cannot be combined with other ports in '80,*'");
        rejects("", "missing port list (" + EXPECTED + ")");
    }
}
