package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/** {@code move}: a rename, so a write on both entries; neither is followed if it is a link. */
public final class MoveAdvice {
    private MoveAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) {
        GuardBridge.file2(Guard.WRITE, "move", source.toString(), Guard.WRITE, target.toString(), true);
    }
}
