package dev.agentguard.agent.hooks.nativecode;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.loadLibrary0(Class, String)}: System.loadLibrary and Runtime.loadLibrary by name. */
public final class LoadLibraryAdvice {
    private LoadLibraryAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) String name) {
        GuardBridge.nativeLoad(name, null);
    }
}
