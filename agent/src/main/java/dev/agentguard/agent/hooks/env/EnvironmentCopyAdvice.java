package dev.agentguard.agent.hooks.env;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessEnvironment.environment()}, behind {@code ProcessBuilder.environment()}: the fresh copy it
 * returns loses every variable env.read does not grant, before the application can read it.
 */
public final class EnvironmentCopyAdvice {
    private EnvironmentCopyAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return Map<String, String> environment) {
        GuardBridge.environmentCopy(environment);
    }
}
