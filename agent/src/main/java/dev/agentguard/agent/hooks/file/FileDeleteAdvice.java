package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.delete()}, also run by {@code deleteOnExit} at shutdown. {@code unlink}/{@code rmdir} remove
 * a link itself, not what it points to, so the real form is taken without following the last component.
 */
public final class FileDeleteAdvice {
    private FileDeleteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path) {
        GuardBridge.fileNoFollow(Guard.WRITE, "delete", path);
    }
}
