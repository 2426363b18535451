package dev.agentguard.agent.hooks.env;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessEnvironment.getenv()}, behind {@code System.getenv()}: returns a copy holding only granted
 * variables. The JDK's shared map is never changed.
 */
public final class GetenvAllAdvice {
    private GetenvAllAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Map<String, String> environment) {
        environment = GuardBridge.getenvAll(environment);
    }
}
