package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixDomainSockets.bind(FileDescriptor, Path)}: every Unix domain socket bind, which
 * creates the socket file. Server channels bind here (a null address becomes a generated name in the temp
 * directory, checked like any other), and so does a client channel's explicit bind; both need a
 * {@code network.listen} {@code unix:} entry. Pinned ({@link GuardBridge#unixBind}): the JDK is handed
 * {@code /proc/self/fd/D/leaf}, D an {@code O_PATH} descriptor of the folder that was decided, closed when the
 * bind returns; {@link UnixLocalAddressAdvice} gives the application its own name back.
 */
public final class UnixBindAdvice {
    private UnixBindAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) java.io.FileDescriptor socket,
                        @Advice.Argument(value = 1, readOnly = false) Path path) throws java.net.SocketException {
        Object pinned = GuardBridge.unixBind(socket, path);
        path = GuardBridge.bindPath(pinned, path);
        return pinned;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object pinned) {
        GuardBridge.bindDone(pinned);
    }
}
