package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File} queries whose answer for a missing file is also a real answer: {@code isHidden}
 * (true by name alone), {@code lastModified} and the space queries (0; {@code length} is {@link FileLengthAdvice}). A caller cannot tell
 * such an answer from a file that is there and empty or old, and may act on it (overwrite "empty" data,
 * rebuild "stale" output), so a denial throws. Read on the path; the op is the method's name ("lastModified").
 * The probes with an unambiguous "absent" answer are {@link FileProbeAdvice} and {@link FileLookAdvice}.
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
