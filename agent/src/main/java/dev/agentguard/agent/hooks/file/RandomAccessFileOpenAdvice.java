package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * {@code RandomAccessFile.open(String, int)}; also how ZipFile and JarFile open their file. The mode
 * bit {@code O_RDWR} (2 in RandomAccessFile) means "rw" and friends, which read and may create the file:
 * both a read and a write. A read ("r") is decided as {@link FileInputStreamOpenAdvice} decides it: the
 * name before, the opened file after, on its descriptor.
 */
public final class RandomAccessFileOpenAdvice {
    private RandomAccessFileOpenAdvice() {}

    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(0) String path, @Advice.Argument(1) int mode) {
        if ((mode & 2) != 0) {
            // "rw" reads as well as writes: write does not imply read, so both are needed (one open, one check).
            GuardBridge.file(Guard.READ_WRITE, "open-rw", path);
            return false;
        }
        return GuardBridge.beforeRead("open", path);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean decideAfter, @Advice.Argument(0) String path,
                     @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown Throwable thrown) {
        if (decideAfter) {
            if (thrown == null) {
                GuardBridge.openedRead(Guard.READ, "open", path, fd);
            } else {
                GuardBridge.openFailed(Guard.READ, "open", path);
            }
        }
    }
}
