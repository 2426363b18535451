package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import net.bytebuddy.asm.Advice;

/**
 * The direct part of {@code FileChannel.transferTo} (17: {@code transferToDirectlyInternal}, 25:
 * {@code transferToDirectInternal}): sendfile straight from the file to the socket's descriptor, never
 * through the channel's {@code write}. {@code count} is already {@code min(count, size - position)} capped
 * at the direct-transfer maximum. It is charged when the target is a socket or datagram channel with a
 * network peer; what the kernel did not send, or all of it when the direct path declines (a negative
 * status: transferTo then falls back to the mapped or read/write copy, whose {@code target.write} is
 * counted by the channel write hooks), is handed back, so no byte is counted twice.
 */
public final class SendfileAdvice {
    private SendfileAdvice() {}

    @Advice.OnMethodEnter
    static InetSocketAddress enter(@Advice.Argument(1) int count, @Advice.Argument(2) WritableByteChannel target)
            throws IOException {
        SocketAddress peer = null;
        if (target instanceof SocketChannel) {
            peer = ((SocketChannel) target).getRemoteAddress();
        } else if (target instanceof DatagramChannel) {
            peer = ((DatagramChannel) target).getRemoteAddress();
        }
        if (peer instanceof InetSocketAddress && count > 0
                && GuardBridge.outbound("sendfile", ((InetSocketAddress) peer).getAddress(), count)) {
            return (InetSocketAddress) peer;
        }
        return null;
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter InetSocketAddress charged, @Advice.Argument(1) int count,
                     @Advice.Return long sent) {
        if (charged != null) {
            GuardBridge.outboundUnsent(charged.getAddress(), sent < 0 ? count : count - Math.min(sent, count));
        }
    }
}
