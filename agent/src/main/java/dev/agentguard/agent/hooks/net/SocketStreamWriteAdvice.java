package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * The private {@code NioSocketImpl.write(byte[], int, int)}: every {@code Socket.getOutputStream()} write,
 * TLS records of an {@code SSLSocket} included. It loops until every byte is written (or throws), so the
 * whole length is charged before the first byte leaves and nothing is handed back. The peer is the
 * {@code address} field {@code SocketImpl} keeps for the connected socket.
 */
public final class SocketStreamWriteAdvice {
    private SocketStreamWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("address") InetAddress peer, @Advice.Argument(2) int length) {
        if (length > 0) {
            GuardBridge.outbound("write", peer, length);
        }
    }
}
