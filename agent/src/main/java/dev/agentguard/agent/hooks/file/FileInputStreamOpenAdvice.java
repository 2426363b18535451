package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * {@code FileInputStream.open(String)}: every java.io read stream, FileReader and Scanner(File) open. The
 * name is decided before (no system call), the opened file after, on its descriptor; a denial closes it
 * before the constructor returns.
 */
public final class FileInputStreamOpenAdvice {
    private FileInputStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) String path) {
        return GuardBridge.beforeRead("open", path);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object before, @Advice.Argument(0) String path,
                     @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (before != null) {
            thrown = GuardBridge.opened(before, Guard.READ, "open", path, fd, thrown);
        }
    }
}
