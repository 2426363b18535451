package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class HostPatternTest {
    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> HostPattern.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void exactNameIgnoresCaseAndTrailingDot() throws PatternException {
        HostPattern p = HostPattern.parse("API.OpenAI.com.");
        assertThat(p).hasToString("api.openai.com");
        assertThat(p.matches("api.openai.com")).isTrue();
        assertThat(p.matches("API.OPENAI.COM")).isTrue();
        assertThat(p.matches("api.openai.com.")).isTrue();
        assertThat(p.matches("api.openai.com..")).isFalse();
        assertThat(p.matches("x.api.openai.com")).isFalse();
        assertThat(p.matches("api.openai.co")).isFalse();
        assertThat(p.matches("")).isFalse();
        assertThat(p.matches(null)).isFalse();
    }

    @Test
    void wildcardNeedsAtLeastOneLabel() throws PatternException {
        HostPattern p = HostPattern.parse("*.github.com");
        assertThat(p.isWildcard()).isTrue();
        assertThat(p).hasToString("*.github.com");
        assertThat(p.matches("api.github.com")).isTrue();
        assertThat(p.matches("a.b.github.com")).isTrue();
        assertThat(p.matches("API.GitHub.Com.")).isTrue();
        assertThat(p.matches("github.com")).isFalse();
        assertThat(p.matches("evilgithub.com")).isFalse();
        assertThat(p.matches(".github.com")).isFalse();
        assertThat(p.matches("a..github.com")).isFalse();
        assertThat(p.matches("github.com.evil.com")).isFalse();
    }

    @Test
    void wildcardPrefixMustBeLabelCharacters() throws PatternException {
        HostPattern p = HostPattern.parse("*.github.com");
        assertThat(p.matches("evil.com\u0000.github.com")).as("NUL would cut the name short in C").isFalse();
        assertThat(p.matches("evil.com%.github.com")).isFalse();
        assertThat(p.matches("a b.github.com")).isFalse();
        assertThat(p.matches("_dmarc.github.com")).isTrue();
    }

    @Test
    void caseFoldingIsAsciiOnly() throws PatternException {
        // 'ı' (dotless i) and the Kelvin sign fold to ASCII under String.regionMatches(ignoreCase).
        assertThat(HostPattern.parse("github.com").matches("g\u0131thub.com")).isFalse();
        assertThat(HostPattern.parse("kube.internal").matches("\u212Aube.internal")).isFalse();
        assertThat(HostPattern.parse("*.github.com").matches("x.g\u0131thub.com")).isFalse();
    }

    @Test
    void underscoresAndDigitsAllowed() throws PatternException {
        assertThat(HostPattern.parse("my_host.internal").matches("MY_HOST.internal")).isTrue();
        assertThat(HostPattern.parse("1e100.net").matches("1e100.net")).isTrue();
        assertThat(HostPattern.parse("localhost").matches("localhost")).isTrue();
    }

    @Test
    void errors() {
        rejects("", "empty host name");
        rejects(".", "empty host name");
        rejects("*", "'*' is not a host; to grant every address write 0.0.0.0/0 and ::/0");
        rejects("10.0.0.1", "'10.0.0.1' is an IP address, not a DNS name");
        rejects("2130706433", "'2130706433' is an IP address, not a DNS name");
        rejects("0x7f.1", "'0x7f.1' is an IP address, not a DNS name");
        rejects("::1", "'::1' is an IP address, not a DNS name");
        rejects("foo.123", "host name 'foo.123' ends in the all-numeric label '123'; that is not a DNS name"
                + " (is it a mistyped IP address?)");
        rejects("*.", "wildcard in '*.' must be the whole first label, as in *.example.com");
        rejects("*.*.com", "wildcard in '*.*.com' must be the whole first label, as in *.example.com");
        rejects("foo*.github.com", "wildcard in 'foo*.github.com' must be the whole first label, as in *.example.com");
        rejects("a.*.com", "wildcard in 'a.*.com' must be the whole first label, as in *.example.com");
        rejects("*github.com", "wildcard in '*github.com' must be the whole first label, as in *.example.com");
        rejects(".github.com", "host name '.github.com' starts with '.'; did you mean *.github.com?");
        rejects("*..github.com", "host name '*..github.com' has an empty label");
        rejects("a..b.com", "host name 'a..b.com' has an empty label");
        rejects("-a.com", "label '-a' in host name '-a.com' starts or ends with '-'");
        rejects("a-.com", "label 'a-' in host name 'a-.com' starts or ends with '-'");
        rejects("a/b.com", "host name 'a/b.com' contains invalid character '/'");
        rejects("a b.com", "host name 'a b.com' contains invalid character ' '");
        rejects("b\u00fccher.de", "host name 'b\u00fccher.de' contains '\u00fc'; write international names in their"
                + " punycode (xn--) form");
        String label64 = "a".repeat(64);
        rejects(label64 + ".com", "label '" + label64 + "' in host name '" + label64 + ".com' is longer than 63 characters");
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";
        rejects(longName, "host name '" + longName + "' is longer than 253 characters");
    }

    @Test
    void punycodeAccepted() throws PatternException {
        assertThat(HostPattern.parse("xn--bcher-kva.de").matches("XN--BCHER-KVA.DE")).isTrue();
    }
}
