package dev.agentguard.agent.hooks.nativecode;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.load0(Class, String)}: System.load and Runtime.load of a library file. */
public final class LoadAdvice {
    private LoadAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) String file) {
        GuardBridge.nativeLoad(null, file);
    }
}
