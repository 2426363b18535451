package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * {@code InetAddress.getHostFromNameService}: the reverse (PTR) lookup behind {@code getHostName()} and
 * {@code getCanonicalHostName()} on an address without a name. A PTR query for an address the application
 * picks carries data to whoever serves its reverse zone, so it is a DNS query to check. When it may not
 * happen, the body is skipped and the method returns the address literal, exactly what the JDK returns
 * when a lookup fails.
 */
public final class ReverseLookupAdvice {
    private ReverseLookupAdvice() {}

    /** True (skip the body) when the lookup is denied. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) InetAddress address) {
        return !GuardBridge.reverseLookup(address);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter boolean skipped, @Advice.Argument(0) InetAddress address,
                     @Advice.Return(readOnly = false) String host) {
        if (skipped) {
            host = address.getHostAddress();
        }
    }
}
