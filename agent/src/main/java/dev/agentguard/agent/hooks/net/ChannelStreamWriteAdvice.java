package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code SocketChannelImpl.blockingWriteFully(byte[], int, int)}: the output stream of
 * {@code SocketChannel.socket()} (17: the {@code SocketAdaptor} stream, 25: {@code SocketOutputStream}).
 * It writes through its own {@code tryWrite}, not {@code write(ByteBuffer)}, so nothing else counts these
 * bytes; it loops until all are written, so the whole length is charged up front. Unix domain peers are
 * not counted.
 */
public final class ChannelStreamWriteAdvice {
    private ChannelStreamWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("remoteAddress") SocketAddress peer, @Advice.Argument(2) int length) {
        if (peer instanceof InetSocketAddress && length > 0) {
            GuardBridge.outbound("write", ((InetSocketAddress) peer).getAddress(), length);
        }
    }
}
