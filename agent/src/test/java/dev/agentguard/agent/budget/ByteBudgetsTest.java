package dev.agentguard.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteBudgetsTest {
    @Test
    void aWriteThatWouldPassTheTotalIsRefusedWhole() {
        ByteBudgets b = new ByteBudgets(100, Map.of());
        assertThat(b.charge(60, new String[0], null)).isNull();
        assertThat(b.charge(41, new String[0], null)).startsWith("budgets.outbound_bytes (");
        assertThat(b.charge(40, new String[0], null)).isNull();
        assertThat(b.charge(1, new String[0], null)).isNotNull();
        assertThat(b.usage()).containsEntry("outbound_bytes", 100L);
    }

    @Test
    void perHostBudgetsAreSeparateAndDoNotChargeTheTotalWhenRefused() {
        ByteBudgets b = new ByteBudgets(1000, Map.of("a.test", 10L, "*.b.test", 20L));
        assertThat(b.charge(10, new String[] {"a.test"}, null)).isNull();
        assertThat(b.charge(1, new String[] {"a.test"}, null)).startsWith("budgets.outbound_bytes_per_host[a.test]");
        assertThat(b.charge(20, new String[] {"x.b.test"}, null)).isNull();
        assertThat(b.charge(500, new String[] {"other.test"}, null)).isNull();
        assertThat(b.usage()).containsEntry("outbound_bytes", 530L);
    }

    @Test
    void addressAndBlockKeysMatchThePeerAddress() {
        ByteBudgets b = new ByteBudgets(-1, new java.util.LinkedHashMap<>(Map.of("127.0.0.1", 10L, "10.0.0.0/8", 20L,
                "::1", 30L)));
        byte[] loopback = {127, 0, 0, 1};
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] tenNet = {10, 1, 2, 3};
        byte[] v6Loopback = new byte[16];
        v6Loopback[15] = 1;
        assertThat(b.charge(10, new String[0], loopback)).isNull();
        assertThat(b.charge(1, new String[0], mappedLoopback)).startsWith("budgets.outbound_bytes_per_host[127.0.0.1]");
        assertThat(b.charge(20, new String[] {"model.local"}, tenNet)).isNull();
        assertThat(b.charge(1, new String[0], tenNet)).startsWith("budgets.outbound_bytes_per_host[10.0.0.0/8]");
        assertThat(b.charge(30, new String[0], v6Loopback)).isNull();
        assertThat(b.charge(1, new String[0], v6Loopback)).startsWith("budgets.outbound_bytes_per_host[::1]");
        assertThat(b.charge(1000, new String[0], new byte[] {127, 0, 0, 2})).as("another address").isNull();
        assertThat(b.charge(1000, new String[0], null)).as("no address known").isNull();
    }

    @Test
    void noBudgetsMeansUnlimited() {
        ByteBudgets b = new ByteBudgets(-1, Map.of());
        assertThat(b.limited()).isFalse();
        assertThat(b.charge(Long.MAX_VALUE / 2, new String[0], null)).isNull();
    }
    @Test
    void theUnsentPartOfAChargedWriteIsHandedBackToTheTotalAndItsHost() {
        ByteBudgets b = new ByteBudgets(100, Map.of("a.test", 50L));
        String[] host = {"a.test"};
        assertThat(b.charge(50, host, null)).isNull();
        // A non-blocking write sent 20 of the 50: the app's retry of the other 30 must fit again.
        b.refund(30, host, null);
        assertThat(b.charge(30, host, null)).isNull();
        assertThat(b.charge(1, host, null)).startsWith("budgets.outbound_bytes_per_host[a.test]");
        assertThat(b.usage()).containsEntry("outbound_bytes", 50L);
    }
}
