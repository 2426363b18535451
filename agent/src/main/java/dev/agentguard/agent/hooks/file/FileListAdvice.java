package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.normalizedList()}: behind {@code list()}, {@code list(filter)} and every {@code listFiles}. Read
 * on the directory, and listed by the guard on the folder it decided ({@link GuardBridge#listPinned}): the
 * body, which would open the name again, is skipped and the guard's names are returned. When the guard
 * leaves it (its own call, a path undecidable in audit mode) the body runs after the check.
 *
 * <p>The path is the private {@code path} field, which the body's native call reads.
 */
public final class FileListAdvice {
    private FileListAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.FieldValue("path") String path) {
        return GuardBridge.listPinned(path);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object listed, @Advice.Return(readOnly = false) String[] names) {
        if (listed != null) {
            names = listed == GuardBridge.NO_LIST ? null : (String[]) listed;
        }
    }
}
