package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code HotSpotDiagnostic.setVMOption(String, String)}: every manageable flag set through the API. */
public final class SetVMOptionAdvice {
    private SetVMOptionAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) String value) {
        GuardBridge.setVMOption(name, value);
    }
}
