package dev.agentguard.agent.hooks.guard;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.interrupt/stop/suspend/setPriority/setName/setUncaughtExceptionHandler}: refused when the
 * thread is one of the guard's (found with {@code Thread.getAllStackTraces()}, the killswitch watcher is
 * an ordinary {@code Thread} object). The method name is the audit op.
 */
public final class GuardThreadAdvice {
    private GuardThreadAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread, @Advice.Origin("#m") String method) {
        GuardBridge.guardThread(thread, method);
    }
}
