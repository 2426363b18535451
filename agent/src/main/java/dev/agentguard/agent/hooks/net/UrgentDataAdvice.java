package dev.agentguard.agent.hooks.net;

import dev.agentguard.bootstrap.GuardBridge;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/** {@code NioSocketImpl.sendUrgentData(int)} ({@code Socket.sendUrgentData}): one byte, out of band. */
public final class UrgentDataAdvice {
    private UrgentDataAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("address") InetAddress peer) {
        GuardBridge.outbound("urgent-data", peer, 1);
    }
}
