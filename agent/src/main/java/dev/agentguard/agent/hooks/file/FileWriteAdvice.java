package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File} changes: createNewFile, mkdir (also each level of mkdirs), setLastModified, setReadOnly
 * and the permission setters. A write on the path (the field the native call reads, not a subclass's
 * {@code getPath()}); the op is the method's name. These act on {@code this}, so there is no path argument to
 * replace: the guard decides, pins the decided folder and makes the same call itself on
 * {@code /proc/self/fd/D/leaf}; the JDK's body is skipped and the guard's result returned, so a folder swapped
 * above the leaf after the decision cannot redirect the change (issue 13). When nothing is pinned (the
 * guard's own work), the JDK's body runs as usual.
 */
public final class FileWriteAdvice {
    private FileWriteAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Boolean enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method,
                         @Advice.AllArguments Object[] args) throws java.io.IOException {
        return GuardBridge.fileChange(method, path, args);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Boolean done, @Advice.Return(readOnly = false) boolean changed) {
        if (done != null) {
            changed = done;
        }
    }
}
