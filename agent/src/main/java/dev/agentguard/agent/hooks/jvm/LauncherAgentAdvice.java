package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * The static {@code sun.instrument.InstrumentationImpl.loadAgent(String jar)} behind a
 * {@code Launcher-Agent-Class} in the application jar's manifest: always refused (the launcher stops
 * before {@code main}).
 */
public final class LauncherAgentAdvice {
    private LauncherAgentAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String jar) {
        GuardBridge.launcherAgent(jar);
    }
}
