package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * {@code SocketChannelImpl.write(ByteBuffer)} and {@code DatagramChannelImpl.write(ByteBuffer)} (connected
 * UDP): the buffer's remaining bytes are charged before any leaves; what is still remaining afterwards (a
 * non-blocking write that sent less, a datagram refused by a full buffer) is handed back, so the app's
 * retry of the rest is not counted twice. The peer is the channel's {@code remoteAddress}; a Unix domain
 * peer is not a network host and is not counted (POLICY.md section 11 counts TCP and UDP), and without a
 * peer the write fails unconnected.
 */
public final class ChannelWriteAdvice {
    private ChannelWriteAdvice() {}

    /** The bytes charged (0: none, nothing to hand back). */
    @Advice.OnMethodEnter
    static long enter(@Advice.FieldValue("remoteAddress") SocketAddress peer, @Advice.Argument(0) ByteBuffer src) {
        if (!(peer instanceof InetSocketAddress) || src == null) {
            return 0;
        }
        int bytes = src.remaining();
        return GuardBridge.outbound("write", ((InetSocketAddress) peer).getAddress(), bytes) ? bytes : 0;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter long charged, @Advice.FieldValue("remoteAddress") SocketAddress peer,
                     @Advice.Argument(0) ByteBuffer src) {
        if (charged > 0 && peer instanceof InetSocketAddress) {
            GuardBridge.outboundUnsent(((InetSocketAddress) peer).getAddress(), Math.min(charged, src.remaining()));
        }
    }
}
