package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * {@code FileOutputStream.open(String, boolean)}: every java.io write stream, FileWriter, PrintStream(File).
 * Decided on the real form, then pinned there: the JDK is handed {@code /proc/self/fd/C}, a descriptor the
 * guard opened on the decided leaf inside the decided folder without following a link (see
 * {@code AnchoredOpen}); the opened file is checked again through its descriptor. The stream's path
 * field, set before this method, keeps the caller's name, and errors name it too.
 */
public final class FileOutputStreamOpenAdvice {
    private FileOutputStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) String path, @Advice.Argument(1) boolean append)
            throws IOException {
        Object anchor = GuardBridge.anchorWrite(Guard.WRITE, append ? "append" : "open-write", path, false, true);
        if (anchor != null) {
            path = GuardBridge.handed(anchor);
        }
        return anchor;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object anchor, @Advice.FieldValue("fd") FileDescriptor fd,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (anchor != null) {
            thrown = GuardBridge.opened(anchor, Guard.WRITE, "open-write", null, fd, thrown);
        }
    }
}
