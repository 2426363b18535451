package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code ServerSocketChannelImpl.netBind(SocketAddress, int)} and
 * {@code AsynchronousServerSocketChannelImpl.bind(SocketAddress, int)}: each binds and listens in one go.
 * A null address is the wildcard with a system-chosen port. An address the JDK cannot bind (unresolved,
 * not an {@code InetSocketAddress}) is left to it: it throws before binding.
 */
public final class ServerBindAdvice {
    private ServerBindAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) SocketAddress local) {
        if (local == null) {
            GuardBridge.listen(null, 0);
        } else if (local instanceof InetSocketAddress && !((InetSocketAddress) local).isUnresolved()) {
            InetSocketAddress address = (InetSocketAddress) local;
            GuardBridge.listen(address.getAddress(), address.getPort());
        }
    }
}
