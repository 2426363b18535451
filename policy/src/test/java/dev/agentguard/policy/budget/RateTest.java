package dev.agentguard.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateTest {
    @Test
    void periods() throws Exception {
        Rate perMin = Rate.parse("30/min");
        assertThat(perMin.tokens()).isEqualTo(30);
        assertThat(perMin.periodNanos()).isEqualTo(60_000_000_000L);
        assertThat(perMin.toString()).isEqualTo("30/min");
        assertThat(Rate.parse("10/s").periodNanos()).isEqualTo(1_000_000_000L);
        assertThat(Rate.parse("100/h").periodNanos()).isEqualTo(3_600_000_000_000L);
        assertThat(Rate.parse(" 20000 / s ").tokens()).isEqualTo(20000);
        assertThat(Rate.parse("1/h").tokens()).isEqualTo(1);
        assertThat(Rate.parse("007/s")).isEqualTo(Rate.parse("7/s"));
        assertThat(Rate.parse("7/s")).isNotEqualTo(Rate.parse("7/min"));
        assertThat(Rate.parse("7/s").hashCode()).isEqualTo(Rate.parse("7/s").hashCode());
        assertThat(Rate.parse("1000000000/s").tokens()).isEqualTo(Rate.MAX_TOKENS);
    }

    @Test
    void errors() {
        assertError(null, "a rate cannot be empty (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("", "a rate cannot be empty (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("30", "'30' is not a rate (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("fast", "'fast' is not a rate (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("x/s", "'x/s' is not a rate (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("/s", "'/s' is not a rate (write N/s, N/min or N/h, e.g. 30/min)");
        assertError("0/min", "rate '0/min' must allow at least 1 call per period");
        assertError("000/s", "rate '000/s' must allow at least 1 call per period");
        assertError("-1/s", "rate '-1/s' cannot be negative");
        assertError("1.5/s", "rate '1.5/s': the count must be a whole number (use a longer period)");
        assertError("1000000001/s", "rate '1000000001/s' is too large (at most 1000000000 per period)");
        assertError("99999999999999999999/s",
                "rate '99999999999999999999/s' is too large (at most 1000000000 per period)");
        assertError("30/m", "rate '30/m': unknown period 'm' (expected s, min or h)");
        assertError("30/day", "rate '30/day': unknown period 'day' (expected s, min or h)");
        assertError("30/", "rate '30/': missing period (expected s, min or h)");
        assertError("30/MIN", "rate '30/MIN': write the period as 'min' (periods are case-sensitive)");
        assertError("30/S", "rate '30/S': write the period as 's' (periods are case-sensitive)");
        assertError("1/2/s", "rate '1/2/s': unknown period '2/s' (expected s, min or h)");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(dev.agentguard.policy.PatternException.class)
                .hasMessage(message);
    }
}
