package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File} changes: createNewFile, mkdir, setLastModified, setReadOnly and the permission
 * setters. Write on the path (the field the native call reads); the op is the method's name.
 */
public final class FileWriteAdvice {
    private FileWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method) {
        GuardBridge.file(Guard.WRITE, method, path);
    }
}
