package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.NioSocketImpl.listen(int)}: {@code ServerSocket.bind} (and its constructors) binds the
 * impl, then calls this. The check reads what the bind left in {@code SocketImpl}'s fields: {@code address}
 * is the address asked for (the wildcard stays the wildcard) and {@code localport} the port actually bound,
 * so a port-0 bind is judged by the port the system chose. Checked even when unbound (then the JDK refuses
 * anyway): skipping would race a concurrent bind.
 */
public final class ServerSocketListenAdvice {
    private ServerSocketListenAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("address") InetAddress address, @Advice.FieldValue("localport") int port) {
        GuardBridge.listen(address, port);
    }
}
