package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/** {@code SecureDirectoryStream.deleteFile/deleteDirectory}: {@code unlinkat}, a write on the entry itself. */
public final class SecureStreamDeleteAdvice {
    private SecureStreamDeleteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.This Object stream, @Advice.Argument(0) Path entry) {
        GuardBridge.fileInDirectory(Guard.WRITE, method, stream, entry.toString(), true);
    }
}
