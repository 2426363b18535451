package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.move(from, targetStream, to)}: {@code renameat} between two open
 * directories, a write on both entries (neither followed).
 */
public final class SecureStreamMoveAdvice {
    private SecureStreamMoveAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object stream, @Advice.Argument(0) Path from,
                      @Advice.Argument(1) SecureDirectoryStream<Path> targetStream, @Advice.Argument(2) Path to) {
        GuardBridge.fileInDirectory(Guard.WRITE, "move", stream, from.toString(), true);
        GuardBridge.fileInDirectory(Guard.WRITE, "move", targetStream, to.toString(), true);
    }
}
