package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * {@code write(ByteBuffer[], int, int)} of {@code SocketChannelImpl} (gathering: {@code java.net.http}
 * writes this way) and {@code DatagramChannelImpl}: the remaining bytes of the buffers in range are charged
 * before any leaves, and what is still remaining afterwards is handed back, as for a single buffer
 * ({@link ChannelWriteAdvice}). Bounds the method refuses charge nothing.
 */
public final class GatheringWriteAdvice {
    private GatheringWriteAdvice() {}

    @Advice.OnMethodEnter
    static long enter(@Advice.FieldValue("remoteAddress") SocketAddress peer, @Advice.Argument(0) ByteBuffer[] srcs,
                      @Advice.Argument(1) int offset, @Advice.Argument(2) int length) {
        if (!(peer instanceof InetSocketAddress) || srcs == null || offset < 0 || length < 0
                || offset > srcs.length - length) {
            return 0;
        }
        long bytes = 0;
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i] != null) {
                bytes += srcs[i].remaining();
            }
        }
        return GuardBridge.outbound("write", ((InetSocketAddress) peer).getAddress(), bytes) ? bytes : 0;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter long charged, @Advice.FieldValue("remoteAddress") SocketAddress peer,
                     @Advice.Argument(0) ByteBuffer[] srcs, @Advice.Argument(1) int offset,
                     @Advice.Argument(2) int length) {
        if (charged > 0 && peer instanceof InetSocketAddress) {
            long unsent = 0;
            for (int i = offset; i < offset + length; i++) {
                if (srcs[i] != null) {
                    unsent += srcs[i].remaining();
                }
            }
            GuardBridge.outboundUnsent(((InetSocketAddress) peer).getAddress(), Math.min(charged, unsent));
        }
    }
}
