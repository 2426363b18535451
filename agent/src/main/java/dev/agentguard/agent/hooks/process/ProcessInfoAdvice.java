package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessHandleImpl.info()}: the one caller of {@code ProcessHandleImpl.Info.info(pid, startTime)},
 * which reads another process's command line, arguments and user. When the guard hides it, the body is
 * skipped and an Info with every field absent is returned.
 */
public final class ProcessInfoAdvice {
    private ProcessInfoAdvice() {}

    /** True (skip the body) when the details are hidden. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.This ProcessHandle target) {
        return !GuardBridge.processInfo(target);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter boolean hidden, @Advice.Return(readOnly = false) ProcessHandle.Info info) {
        if (hidden) {
            info = GuardBridge.hiddenProcessInfo();
        }
    }
}
