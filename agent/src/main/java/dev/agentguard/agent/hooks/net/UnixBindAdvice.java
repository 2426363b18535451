package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.nio.ch.UnixDomainSockets.bind(FileDescriptor, Path)}: every Unix domain socket bind, which
 * creates the socket file. Server channels bind here (a null address becomes a generated name in the temp
 * directory, checked like any other), and so does a client channel's explicit bind; both need a
 * {@code network.listen} {@code unix:} entry.
 */
public final class UnixBindAdvice {
    private UnixBindAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Path path) {
        GuardBridge.unixSocket(true, path.toString());
    }
}
