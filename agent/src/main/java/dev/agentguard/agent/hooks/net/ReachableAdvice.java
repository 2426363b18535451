package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code InetAddress.isReachable(NetworkInterface, int ttl, int timeout)} (also the one-argument form):
 * the JDK sends an ICMP echo, or without the privilege makes a native TCP connect to port 7 (echo), in
 * {@code Inet4AddressImpl/Inet6AddressImpl.isReachable0}, which no connect hook sees. Decided as a
 * network.connect to the address, port 7.
 */
public final class ReachableAdvice {
    private ReachableAdvice() {}

    /** The echo port that the JDK's TCP fallback connects to. */
    public static final int ECHO_PORT = 7;

    @Advice.OnMethodEnter
    static void enter(@Advice.This java.net.InetAddress address) {
        GuardBridge.connect("reachable", address, ECHO_PORT);
    }
}
