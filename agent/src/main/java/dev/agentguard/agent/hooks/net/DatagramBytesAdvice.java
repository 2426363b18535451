package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * The public {@code DatagramChannelImpl.send(ByteBuffer, SocketAddress)}, where {@code DatagramSocket.send}
 * ends too (17 through {@code blockingSend(ByteBuffer, SocketAddress)}, 25 {@code blockingSend(DatagramPacket)}).
 * The datagram is charged here, once, not in the private send it retries on a full buffer; a datagram
 * that did not go (still remaining afterwards) is handed back. A target the method refuses (not an
 * {@code InetSocketAddress}, unresolved) is not charged: nothing is sent.
 */
public final class DatagramBytesAdvice {
    private DatagramBytesAdvice() {}

    @Advice.OnMethodEnter
    static long enter(@Advice.Argument(0) ByteBuffer src, @Advice.Argument(1) SocketAddress target) {
        if (src == null || !(target instanceof InetSocketAddress) || ((InetSocketAddress) target).getAddress() == null) {
            return 0;
        }
        int bytes = src.remaining();
        return GuardBridge.outbound("send", ((InetSocketAddress) target).getAddress(), bytes) ? bytes : 0;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter long charged, @Advice.Argument(0) ByteBuffer src,
                     @Advice.Argument(1) SocketAddress target) {
        if (charged > 0) {
            GuardBridge.outboundUnsent(((InetSocketAddress) target).getAddress(), Math.min(charged, src.remaining()));
        }
    }
}
