package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code SocketChannelImpl.sendOutOfBandData(byte)} ({@code sendUrgentData} on a channel's socket): one
 * byte, handed back when the non-blocking send reports it did not go.
 */
public final class OutOfBandAdvice {
    private OutOfBandAdvice() {}

    @Advice.OnMethodEnter
    static boolean enter(@Advice.FieldValue("remoteAddress") SocketAddress peer) {
        return peer instanceof InetSocketAddress
                && GuardBridge.outbound("urgent-data", ((InetSocketAddress) peer).getAddress(), 1);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter boolean charged, @Advice.FieldValue("remoteAddress") SocketAddress peer,
                     @Advice.Return int sent) {
        if (charged && sent <= 0) {
            GuardBridge.outboundUnsent(((InetSocketAddress) peer).getAddress(), 1);
        }
    }
}
