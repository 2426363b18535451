package dev.agentguard.policy.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class EnvNamePatternTest {
    private static EnvNamePattern p(String text) throws PatternException {
        return EnvNamePattern.compile(text);
    }

    @Test
    void exactNamesAreCaseSensitive() throws Exception {
        EnvNamePattern home = p("HOME");
        assertThat(home.isGlob()).isFalse();
        assertThat(home.matches("HOME")).isTrue();
        assertThat(home.matches("home")).isFalse();
        assertThat(home.matches("HOMER")).isFalse();
        assertThat(home.matches(null)).isFalse();
        assertThat(home.text()).isEqualTo("HOME");
    }

    @Test
    void globs() throws Exception {
        EnvNamePattern agent = p("AGENT_*");
        assertThat(agent.isGlob()).isTrue();
        assertThat(agent.matches("AGENT_")).isTrue();
        assertThat(agent.matches("AGENT_TOKEN")).isTrue();
        assertThat(agent.matches("agent_TOKEN")).isFalse();
        assertThat(agent.matches("MY_AGENT_X")).isFalse();
        EnvNamePattern lc = p("LC_?????");
        assertThat(lc.matches("LC_CTYPE")).isTrue();
        assertThat(lc.matches("LC_ALL")).isFalse();
        EnvNamePattern mid = p("*_API_KEY");
        assertThat(mid.matches("OPENAI_API_KEY")).isTrue();
        assertThat(mid.matches("_API_KEY")).isTrue();
        assertThat(mid.matches("OPENAI_API_KEYS")).isFalse();
        EnvNamePattern multi = p("A*B*C");
        assertThat(multi.matches("AxBxBxC")).isTrue();
        assertThat(multi.matches("AxBxBx")).isFalse();
        assertThat(p("*").matches("ANYTHING")).isTrue();
        assertThat(p("*").matches("")).isTrue();
        // Other characters are literal.
        assertThat(p("A{B,C}").matches("A{B,C}")).isTrue();
        assertThat(p("A{B,C}").matches("AB")).isFalse();
        assertThat(p("X?").matches("X😀")).isTrue();
    }

    @Test
    void invalidNames() {
        assertError(null, "an environment variable name cannot be empty");
        assertError("", "an environment variable name cannot be empty");
        assertError("A=B", "'A=B' contains '=', which cannot be part of an environment variable name");
        assertError("A\0B", "an environment variable name cannot contain a NUL character");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> EnvNamePattern.compile(text)).isInstanceOf(PatternException.class)
                .hasMessage(message);
    }
}
