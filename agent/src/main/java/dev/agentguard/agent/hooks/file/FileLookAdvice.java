package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File.exists}, {@code isFile}, {@code isDirectory}: answered from the guard's own look at the
 * path ({@link GuardBridge#fileLook}, a {@code stat} as the JDK's native code makes): the attributes it decided
 * on give the answer, and the body is skipped, so the kernel is asked once. A denied probe answers
 * {@code false}, as for a file that is not there (where that is unsafe the bridge throws the denial). When the
 * guard could not look (nothing there, a path java.io and NIO would encode differently, the empty path), the
 * body runs after the check. The op is the method's name.
 *
 * <p>The path is the private {@code path} field, not {@code getPath()}: the native call reads the field,
 * and a subclass could override {@code getPath()} to show the guard a different path.
 */
public final class FileLookAdvice {
    private FileLookAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.FieldValue("path") String path, @Advice.Origin("#m") String method) {
        return GuardBridge.fileLook(method, path, null, false, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Origin("#m") String method, @Advice.Enter Object answer,
                     @Advice.Return(readOnly = false) boolean returned) {
        if (answer != null) {
            returned = GuardBridge.probeAnswer(method, answer);
        }
        GuardBridge.releaseFile();
    }
}
