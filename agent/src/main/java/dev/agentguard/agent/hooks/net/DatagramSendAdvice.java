package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * The private {@code DatagramChannelImpl.send(FileDescriptor, ByteBuffer, InetSocketAddress)}: every
 * datagram to an address the channel is not connected to ({@code DatagramChannel.send},
 * {@code DatagramSocket.send}), which never passes {@code Net.connect}. The target is resolved and scoped
 * already. The public {@code send} retries this on a full buffer, so a retry is checked again.
 */
public final class DatagramSendAdvice {
    private DatagramSendAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(2) InetSocketAddress target) {
        GuardBridge.connect("send", target.getAddress(), target.getPort());
    }
}
