package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/** {@code createDirectory}, also every level that {@code Files.createDirectories} creates: a write. */
public final class CreateDirectoryAdvice {
    private CreateDirectoryAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path dir) {
        GuardBridge.file(Guard.WRITE, "mkdir", dir.toString());
    }
}
