package dev.agentguard.agent.hooks.env;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code ProcessEnvironment.getenv(String)}, behind {@code System.getenv(name)}: a hidden variable reads as null. */
public final class GetenvNameAdvice {
    private GetenvNameAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) String name, @Advice.Return(readOnly = false) String value) {
        value = GuardBridge.getenv(name, value);
    }
}
