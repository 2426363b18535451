package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}: every TCP connect
 * (Socket, SocketChannel, HttpURLConnection, HttpClient on its own threads, async channels) and every
 * UDP connect.
 */
public final class NetConnectAdvice {
    private NetConnectAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) {
        GuardBridge.connect("connect", address, port);
    }
}
