package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File} access probes whose answer for a missing file is {@code false}: {@code canRead},
 * {@code canWrite}, {@code canExecute} (an {@code access(2)} answer, which a {@code stat} cannot give; the
 * probes a {@code stat} answers are {@link FileLookAdvice}). Read on
 * the path; the op is the method's name. A denied probe skips the method, which then returns
 * {@code false}, as for a file that is not there (policy reference, "A denied query answers absent");
 * where that answer is unsafe the bridge throws the denial instead.
 *
 * <p>The path is the private {@code path} field, not {@code getPath()}: the native call reads the field,
 * and a subclass could override {@code getPath()} to show the guard a different path.
 */
public final class FileProbeAdvice {
    private FileProbeAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method) {
        return GuardBridge.fileQuery(method, path, false);
    }
}
