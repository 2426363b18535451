package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code InetAddress.loadResolver()} (JDK 18+): the one place the JDK takes an {@code InetAddressResolver}
 * from the first {@code InetAddressResolverProvider} on the class path (ServiceLoader, the thread's context
 * loader), once per JVM. Such a resolver can answer a name that network.connect grants with any address,
 * so a provider the policy does not grant is replaced. Typed {@code Object}: the guard is compiled for 17.
 */
public final class ResolverLoadAdvice {
    private ResolverLoadAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object resolver,
                     @Advice.FieldValue("BUILTIN_RESOLVER") Object builtin) {
        resolver = GuardBridge.resolverProvider(resolver, builtin);
    }
}
