package dev.agentguard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.Mode;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
    @Test
    void aBarePathIsThePolicy() {
        assertThat(AgentArgs.parse("policy.yaml")).isEqualTo(new AgentArgs("policy.yaml", null, null));
        assertThat(AgentArgs.parse(null)).isEqualTo(new AgentArgs(null, null, null));
        assertThat(AgentArgs.parse("")).isEqualTo(new AgentArgs(null, null, null));
    }

    @Test
    void pairs() {
        assertThat(AgentArgs.parse("policy=p.yaml,mode=audit,audit=log.jsonl"))
                .isEqualTo(new AgentArgs("p.yaml", Mode.AUDIT, "log.jsonl"));
        assertThat(AgentArgs.parse("mode=enforce")).isEqualTo(new AgentArgs(null, Mode.ENFORCE, null));
    }

    @Test
    void unknownKeysAndModesAreRefused() {
        assertThatThrownBy(() -> AgentArgs.parse("polcy=p.yaml"))
                .hasMessage("unknown agent argument 'polcy' (expected: policy, mode, audit, workdir, parent)");
        assertThatThrownBy(() -> AgentArgs.parse("mode=warn"))
                .hasMessage("unknown mode 'warn' (expected: enforce, audit)");
        assertThatThrownBy(() -> AgentArgs.parse("policy=p.yaml,oops"))
                .hasMessageStartingWith("bad agent argument 'oops'");
    }
}
