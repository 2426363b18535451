package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.PolicyContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-host byte budget keys: names, addresses and blocks (a local model server is budgeted by its address). */
class BudgetHostTest {
    private static final PolicyContext JVM = new PolicyContext("/w", "/home/u", "/tmp", "/opt/jdk", 1, "/bin",
            List.of(), null);

    @Test
    void namesMatchTheNamesAddressesAndBlocksTheAddress() throws PatternException {
        byte[] local = {127, 0, 0, 1};
        assertThat(BudgetHost.parse("api.openai.com").matches(new String[] {"api.openai.com"}, local)).isTrue();
        assertThat(BudgetHost.parse("*.openai.com").matches(new String[] {"api.openai.com"}, null)).isTrue();
        assertThat(BudgetHost.parse("api.openai.com").matches(new String[0], local)).isFalse();
        assertThat(BudgetHost.parse("127.0.0.1").matches(new String[0], local)).isTrue();
        assertThat(BudgetHost.parse("127.0.0.1").matches(new String[] {"127.0.0.1"}, new byte[] {127, 0, 0, 2}))
                .as("an address key decides on the address, not on a name that spells one").isFalse();
        assertThat(BudgetHost.parse("127.0.0.0/8").matches(new String[0], new byte[] {127, 9, 9, 9})).isTrue();
        assertThat(BudgetHost.parse("[::1]").matches(new String[0], local)).isFalse();
        byte[] v6 = new byte[16];
        v6[15] = 1;
        assertThat(BudgetHost.parse("::1").matches(new String[0], v6)).isTrue();
        assertThat(BudgetHost.parse("fd00::/8").matches(new String[0], v6)).isFalse();
    }

    @Test
    void badKeysSayWhatIsWrong() {
        assertThatThrownBy(() -> BudgetHost.parse("300.1.1.1")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> BudgetHost.parse("10.0.0.0/40")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> BudgetHost.parse("*")).isInstanceOf(PatternException.class);
    }

    @Test
    void thePolicyAcceptsAddressKeys() throws PolicyException {
        Policy p = PolicyLoader.parse("p.yaml", "/etc/p.yaml", String.join("\n", "version: 1", "budgets:",
                "  outbound_bytes_per_host: {\"127.0.0.1\": 16MiB, \"10.0.0.0/8\": 1MiB, \"[::1]\": 1MiB,"
                        + " \"api.openai.com\": 40MiB}", ""), JVM, Overrides.NONE);
        assertThat(p.budgets().outboundBytesPerHost()).containsKeys("127.0.0.1", "10.0.0.0/8", "[::1]",
                "api.openai.com");
    }
}
