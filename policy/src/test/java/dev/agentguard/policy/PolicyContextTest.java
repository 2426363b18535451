package dev.agentguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyContextTest {
    @Test
    void theProcessIdReadFromProcIsTheJdksOwn() {
        assertThat(PolicyContext.ownPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(PolicyContext.ofThisJvm(null).pid()).isEqualTo(ProcessHandle.current().pid());
    }
}
