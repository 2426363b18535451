package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.delete()} and {@code File.deleteOnExit()}. {@code unlink}/{@code rmdir} remove a link itself,
 * not what it points to, so the real form is taken without following the last component.
 *
 * <p>Why {@code deleteOnExit} too: the JDK's {@code DeleteOnExitHook} deletes the registered files at
 * shutdown through {@code delete()}, where a denial ends its loop and the files after it are never
 * deleted. Checked when the application registers a file, a denied one never enters that list, and the
 * denial reaches the code that asked.
 */
public final class FileDeleteAdvice {
    private FileDeleteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method) {
        GuardBridge.fileNoFollow(Guard.WRITE, method, path);
    }
}
