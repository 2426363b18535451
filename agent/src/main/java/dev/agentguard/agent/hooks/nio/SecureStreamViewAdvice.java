package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.getFileAttributeView(type)}: a view of the stream's directory itself; a read.
 */
public final class SecureStreamViewAdvice {
    private SecureStreamViewAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object stream) {
        GuardBridge.fileInDirectory(Guard.READ, "getFileAttributeView", stream, null, false);
    }
}
