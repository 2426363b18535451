package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import net.bytebuddy.asm.Advice;

/**
 * The private {@code AsynchronousSocketChannelImpl.write(boolean, ByteBuffer, ByteBuffer[], ...)} that all
 * three public {@code AsynchronousSocketChannel.write} methods call, before it marks a write pending and
 * hands over to {@code implWrite} (which may finish the write later on a pool thread). Hooking here rather
 * than {@code implWrite} means a denial leaves the channel usable (no write left marked pending). The
 * buffers' remaining bytes are charged whole; the write completes later, so nothing is handed back (an
 * async write that sends only part is counted in full). A closed or unconnected channel sends nothing and
 * is not charged.
 */
public final class AsyncWriteAdvice {
    private AsyncWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This AsynchronousSocketChannel self,
                      @Advice.FieldValue("remoteAddress") InetSocketAddress peer,
                      @Advice.Argument(0) boolean gathering, @Advice.Argument(1) ByteBuffer src,
                      @Advice.Argument(2) ByteBuffer[] srcs) {
        if (peer == null || !self.isOpen()) {
            return;
        }
        long bytes = 0;
        if (gathering) {
            for (ByteBuffer b : srcs) {
                bytes += b == null ? 0 : b.remaining();
            }
        } else if (src != null) {
            bytes = src.remaining();
        }
        if (bytes > 0) {
            GuardBridge.outbound("write", peer.getAddress(), bytes);
        }
    }
}
