package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/** {@code isSameFile}: reads the attributes of both paths (following links). */
public final class IsSameFileAdvice {
    private IsSameFileAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path first, @Advice.Argument(1) Path second) {
        GuardBridge.file(Guard.READ, "isSameFile", first.toString());
        if (second != null) {
            GuardBridge.file(Guard.READ, "isSameFile", second.toString());
        }
    }
}
