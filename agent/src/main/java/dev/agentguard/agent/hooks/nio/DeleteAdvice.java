package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code implDelete}, behind {@code Files.delete} and {@code Files.deleteIfExists}: a write on the entry
 * itself ({@code unlink}/{@code rmdir} never follow a link as the last component).
 */
public final class DeleteAdvice {
    private DeleteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path) {
        GuardBridge.fileNoFollow(Guard.WRITE, "delete", path.toString());
    }
}
