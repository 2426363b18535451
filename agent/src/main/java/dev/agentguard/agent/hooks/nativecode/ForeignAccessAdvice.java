package dev.agentguard.agent.hooks.nativecode;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * JDK 22+ {@code Reflection.ensureNativeAccess(Class caller, Class owner, String method, boolean jni)}: the
 * gate of every restricted method of the foreign-function API ({@code Linker.downcallHandle},
 * {@code SymbolLookup.libraryLookup}, ...). A downcall to libc would reach files, processes and sockets
 * without passing any other hook.
 */
public final class ForeignAccessAdvice {
    private ForeignAccessAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Class<?> caller, @Advice.Argument(1) Class<?> owner,
                      @Advice.Argument(2) String method, @Advice.Argument(3) boolean jni) {
        GuardBridge.foreignAccess(caller, owner, method, jni);
    }
}
