package dev.agentguard.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class RateCategoryTest {
    @Test
    void yamlNames() throws Exception {
        assertThat(RateCategory.values()).extracting(RateCategory::yamlName).containsExactly(
                "process.exec", "network.connect", "network.resolve", "file.open", "env.read");
        for (RateCategory c : RateCategory.values()) {
            assertThat(RateCategory.fromYamlName(c.yamlName())).isSameAs(c);
            assertThat(c.toString()).isEqualTo(c.yamlName());
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        String expected = " (expected: process.exec, network.connect, network.resolve, file.open, env.read)";
        assertThatThrownBy(() -> RateCategory.fromYamlName("proces.exec")).isInstanceOf(PatternException.class)
                .hasMessage("unknown rate category 'proces.exec'" + expected);
        assertThatThrownBy(() -> RateCategory.fromYamlName("PROCESS_EXEC")).isInstanceOf(PatternException.class)
                .hasMessage("unknown rate category 'PROCESS_EXEC'" + expected);
        assertThatThrownBy(() -> RateCategory.fromYamlName(null)).isInstanceOf(PatternException.class)
                .hasMessage("unknown rate category 'null'" + expected);
    }
}
