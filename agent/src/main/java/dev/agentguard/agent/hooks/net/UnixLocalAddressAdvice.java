package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.UnixDomainSocketAddress;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code sun.nio.ch.UnixDomainSockets.localAddress(FileDescriptor)}: where the JDK reads a Unix domain socket's
 * name back ({@code getsockname}) as a channel's local address: after a server's or a client's bind, and for
 * every channel a server accepts. A socket the guard bound through {@code /proc/self/fd/D/leaf}
 * ({@link UnixBindAdvice}) reports that text; the application gets the name it bound instead.
 */
public final class UnixLocalAddressAdvice {
    private UnixLocalAddressAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) UnixDomainSocketAddress address) {
        address = GuardBridge.boundAddress(address);
    }
}
