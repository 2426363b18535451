package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.instrument.InstrumentationImpl.loadClassAndCallAgentmain(String, String)} and the static
 * {@code loadAgent(String)} behind {@code Launcher-Agent-Class}: a Java agent loaded after start-up.
 * Always refused (argument 0: the agent class, or the jar).
 */
public final class LateAgentAdvice {
    private LateAgentAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String what) {
        GuardBridge.lateAgent(what);
    }
}
