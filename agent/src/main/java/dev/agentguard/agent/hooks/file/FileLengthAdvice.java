package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.attribute.BasicFileAttributes;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.io.File.length()}: answered from the guard's own look at the path ({@link GuardBridge#fileLook},
 * the {@code stat} the JDK's native code makes; its size), and the body is skipped. A denial throws, as in
 * {@link FileQueryAdvice}: 0 is also the length of an empty file, and a caller may act on it. When the guard
 * could not look (nothing there, a path java.io and NIO would encode differently, the empty path), the body
 * runs after the check.
 *
 * <p>The path is the private {@code path} field, not {@code getPath()} (see {@link FileLookAdvice}).
 */
public final class FileLengthAdvice {
    private FileLengthAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.FieldValue("path") String path) {
        return GuardBridge.fileLook("length", path, null, false, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object answer, @Advice.Return(readOnly = false) long returned) {
        if (answer instanceof BasicFileAttributes) {
            returned = ((BasicFileAttributes) answer).size();
        }
        GuardBridge.releaseFile();
    }
}
