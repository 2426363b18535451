package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File} queries that read the file system: existence, type, access bits, times, length,
 * space. Read on the path; the op is the method's name ("exists", "length").
 *
 * <p>The path is the private {@code path} field, not {@code getPath()}: the native call reads the field,
 * and a subclass could override {@code getPath()} to show the guard a different path.
 */
public final class FileQueryAdvice {
    private FileQueryAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method) {
        GuardBridge.file(Guard.READ, method, path);
    }
}
