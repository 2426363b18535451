package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessHandleImpl.destroyProcess(boolean)}: behind {@code ProcessHandle.destroy/destroyForcibly}
 * and {@code Process.destroy/destroyForcibly} (ProcessImpl signals its child through its handle), the one
 * Java caller of the native {@code destroy0}. Decided on the handle object (its pid and start time).
 */
public final class ProcessSignalAdvice {
    private ProcessSignalAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This ProcessHandle target, @Advice.Argument(0) boolean force) {
        GuardBridge.processSignal(target, force);
    }
}
