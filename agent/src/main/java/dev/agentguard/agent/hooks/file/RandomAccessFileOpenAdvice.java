package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * {@code RandomAccessFile.open(String, int)}; also how ZipFile and JarFile open their file. The mode
 * bit {@code O_RDWR} (2 in RandomAccessFile) means "rw" and friends, which read and may create the file:
 * both a read and a write, decided and pinned as {@link FileOutputStreamOpenAdvice} does. A read ("r") is
 * decided as {@link FileInputStreamOpenAdvice} decides it: the name before, the opened file after, on its
 * descriptor.
 */
public final class RandomAccessFileOpenAdvice {
    private RandomAccessFileOpenAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) String path, @Advice.Argument(1) int mode)
            throws IOException {
        if ((mode & 2) == 0) {
            return GuardBridge.beforeRead("open", path);
        }
        // "rw" reads as well as writes: write does not imply read, so both are needed (one open, one check).
        Object anchor = GuardBridge.anchorWrite(Guard.READ_WRITE, "open-rw", path, false, true);
        if (anchor != null) {
            path = GuardBridge.handed(anchor);
        }
        return anchor;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Argument(0) String path,
                     @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (state != null) {
            // A read's decision token, or a write's pin: the bridge tells them apart.
            thrown = GuardBridge.opened(state, Guard.READ, "open", path, fd, thrown);
        }
    }
}
