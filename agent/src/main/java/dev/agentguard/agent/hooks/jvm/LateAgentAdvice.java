package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.instrument.InstrumentationImpl.loadClassAndCallAgentmain(String, String)}: a Java agent loaded
 * after start-up, before its {@code agentmain} runs (argument 0: the agent class). Refused unless it is the
 * agent of a {@code jvm.agents} jar whose {@code JVMTI.agent_load} the guard just allowed on this thread.
 */
public final class LateAgentAdvice {
    private LateAgentAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String agentClass) {
        GuardBridge.lateAgent(agentClass);
    }
}
