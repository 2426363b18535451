package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixDomainSockets.connect(FileDescriptor, Path)}: every Unix domain socket connect
 * ({@code SocketChannel} opened for {@code UNIX}); the {@code SocketAddress} overload delegates here. The
 * path may be relative (to the working directory). Pinned ({@link GuardBridge#unixConnect}): the JDK is handed
 * {@code /proc/self/fd/S}, S an {@code O_PATH} descriptor of the socket file that was decided, closed when the
 * connect returns.
 */
public final class UnixConnectAdvice {
    private UnixConnectAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 1, readOnly = false) Path path) throws java.net.SocketException {
        Object pinned = GuardBridge.unixConnect(path);
        path = GuardBridge.socketPath(pinned, path);
        return pinned;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object pinned) {
        GuardBridge.socketDone(pinned);
    }
}
