package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code DatagramChannelImpl.bind(SocketAddress)}, the explicit datagram bind ({@code DatagramChannel.bind},
 * {@code new DatagramSocket(port)}, {@code MulticastSocket}). Only a non-zero port is a bind "for
 * receiving" (POLICY.md section 6): null or port 0 is what every UDP client does implicitly, so it is not
 * a listen. The implicit binds ({@code bindInternal(null)}) do not pass here.
 */
public final class DatagramBindAdvice {
    private DatagramBindAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) SocketAddress local) {
        if (local instanceof InetSocketAddress) {
            InetSocketAddress address = (InetSocketAddress) local;
            if (address.getPort() != 0 && !address.isUnresolved()) {
                GuardBridge.listen(address.getAddress(), address.getPort());
            }
        }
    }
}
