package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code RandomAccessFile.open(String, int)}; also how ZipFile and JarFile open their file. The mode
 * bit {@code O_RDWR} (2 in RandomAccessFile) means "rw" and friends, which read and may create the file:
 * both a read and a write.
 */
public final class RandomAccessFileOpenAdvice {
    private RandomAccessFileOpenAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String path, @Advice.Argument(1) int mode) {
        if ((mode & 2) != 0) {
            // "rw" reads as well as writes: write does not imply read, so both are needed (one open, one check).
            GuardBridge.file(Guard.READ_WRITE, "open-rw", path);
        } else {
            GuardBridge.file(Guard.READ, "open", path);
        }
    }
}
