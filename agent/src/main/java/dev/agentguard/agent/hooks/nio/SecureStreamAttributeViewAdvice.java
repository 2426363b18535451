package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.getFileAttributeView(entry, type, options)}: a read of the entry's
 * attributes (the view's writes are hooked in the view, {@link SecureViewWriteAdvice}).
 */
public final class SecureStreamAttributeViewAdvice {
    private SecureStreamAttributeViewAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object stream, @Advice.Argument(0) Path entry,
                      @Advice.Argument(value = 2, readOnly = false) LinkOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        GuardBridge.fileInDirectory(Guard.READ, "getFileAttributeView", stream, entry.toString(),
                OpenOptions.noFollow(options));
    }
}
