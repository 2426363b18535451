package dev.agentguard.agent.hooks.guard;

import dev.agentguard.bootstrap.GuardBridge;
import java.lang.invoke.MethodHandles;
import net.bytebuddy.asm.Advice;

/**
 * {@code MethodHandles.privateLookupIn(Class, Lookup)}: a private lookup into a guard class (allowed by the
 * JDK for classes of an unnamed module) is refused unless the guard asks for it.
 */
public final class PrivateLookupAdvice {
    private PrivateLookupAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Class<?> target, @Advice.Argument(1) MethodHandles.Lookup caller) {
        GuardBridge.reflection(caller == null ? null : caller.lookupClass(), target);
    }
}
