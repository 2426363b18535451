package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.delete()}: decided on the real form of the parent plus the leaf (never following a last link,
 * as {@code unlink}/{@code rmdir} do not), then done by the guard through the decided folder, held open
 * ({@code /proc/self/fd/D/leaf}); the JDK's body is skipped and the guard's result returned. A folder
 * swapped above the leaf after the decision can no longer redirect the delete (issue 13 review). When
 * nothing is pinned (the guard's own work), the JDK's body runs as usual.
 */
public final class FileDeleteNowAdvice {
    private FileDeleteNowAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Boolean enter(@Advice.FieldValue("path") String path) {
        return GuardBridge.deleteFile(path);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Boolean done, @Advice.Return(readOnly = false) boolean deleted) {
        if (done != null) {
            deleted = done;
        }
    }
}
