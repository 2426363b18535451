package dev.agentguard.agent.hooks.guard;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code AccessibleObject.checkCanSetAccessible(Class caller, Class declaringClass, boolean)}: behind every
 * {@code setAccessible(true)} and {@code trySetAccessible()}. Opening a guard class is refused, so that the
 * application cannot null the installed guard or flip its per-thread state.
 */
public final class SetAccessibleAdvice {
    private SetAccessibleAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Class<?> caller, @Advice.Argument(1) Class<?> declaringClass) {
        GuardBridge.reflection(caller, declaringClass);
    }
}
