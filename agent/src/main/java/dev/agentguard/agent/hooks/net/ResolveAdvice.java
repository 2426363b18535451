package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.bytebuddy.asm.Advice;

/**
 * {@code InetAddress.getAllByName0}: every name lookup, cached or not, before the cache is consulted
 * (IP literals never get here). A denied name fails as an unknown host. What a permitted lookup returns
 * is remembered, so that a connect can tell which name an address came from.
 */
public final class ResolveAdvice {
    private ResolveAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String host) throws UnknownHostException {
        GuardBridge.resolve(host);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) String host, @Advice.Return InetAddress[] addresses) {
        GuardBridge.resolved(host, addresses);
    }
}
