package dev.agentguard.agent.hooks.guard;

import dev.agentguard.bootstrap.GuardBridge;
import java.lang.reflect.Field;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.misc.Unsafe.objectFieldOffset/staticFieldOffset/staticFieldBase(Field)}: Unsafe may not be
 * pointed by name at the guard's fields or the JDK state it protects.
 */
public final class UnsafeFieldAdvice {
    private UnsafeFieldAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Field field) {
        GuardBridge.unsafeField(field);
    }
}
