package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixDomainSockets.connect(FileDescriptor, Path)}: every Unix domain socket connect
 * ({@code SocketChannel} opened for {@code UNIX}); the {@code SocketAddress} overload delegates here. The
 * path may be relative (to the working directory).
 */
public final class UnixConnectAdvice {
    private UnixConnectAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Path path) {
        GuardBridge.unixSocket(false, path.toString());
    }
}
