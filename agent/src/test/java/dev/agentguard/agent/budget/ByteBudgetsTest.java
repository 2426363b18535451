package dev.agentguard.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteBudgetsTest {
    @Test
    void aWriteThatWouldPassTheTotalIsRefusedWhole() {
        ByteBudgets b = new ByteBudgets(100, Map.of());
        assertThat(b.charge(60, new String[0])).isNull();
        assertThat(b.charge(41, new String[0])).startsWith("budgets.outbound_bytes (");
        assertThat(b.charge(40, new String[0])).isNull();
        assertThat(b.charge(1, new String[0])).isNotNull();
        assertThat(b.usage()).containsEntry("outbound_bytes", 100L);
    }

    @Test
    void perHostBudgetsAreSeparateAndDoNotChargeTheTotalWhenRefused() {
        ByteBudgets b = new ByteBudgets(1000, Map.of("a.test", 10L, "*.b.test", 20L));
        assertThat(b.charge(10, new String[] {"a.test"})).isNull();
        assertThat(b.charge(1, new String[] {"a.test"})).startsWith("budgets.outbound_bytes_per_host[a.test]");
        assertThat(b.charge(20, new String[] {"x.b.test"})).isNull();
        assertThat(b.charge(500, new String[] {"other.test"})).isNull();
        assertThat(b.usage()).containsEntry("outbound_bytes", 530L);
    }

    @Test
    void noBudgetsMeansUnlimited() {
        ByteBudgets b = new ByteBudgets(-1, Map.of());
        assertThat(b.limited()).isFalse();
        assertThat(b.charge(Long.MAX_VALUE / 2, new String[0])).isNull();
    }
    @Test
    void theUnsentPartOfAChargedWriteIsHandedBackToTheTotalAndItsHost() {
        ByteBudgets b = new ByteBudgets(100, Map.of("a.test", 50L));
        String[] host = {"a.test"};
        assertThat(b.charge(50, host)).isNull();
        // A non-blocking write sent 20 of the 50: the app's retry of the other 30 must fit again.
        b.refund(30, host);
        assertThat(b.charge(30, host)).isNull();
        assertThat(b.charge(1, host)).startsWith("budgets.outbound_bytes_per_host[a.test]");
        assertThat(b.usage()).containsEntry("outbound_bytes", 50L);
    }
}
