package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * {@code FileInputStream(FileDescriptor)} and {@code FileOutputStream(FileDescriptor)} (also behind
 * {@code FileReader}/{@code FileWriter(FileDescriptor)}): a stream on a descriptor has no path to check,
 * so it is allowed only on a valid descriptor, which only the JDK opens (checked opens, its sockets
 * and pipes, stdin/out/err). Runs before the super
 * constructor, so it must not touch {@code this}. A null descriptor is left to the constructor's own
 * NullPointerException.
 */
public final class FileDescriptorStreamAdvice {
    private FileDescriptorStreamAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) FileDescriptor fd) {
        if (fd != null) {
            GuardBridge.fileDescriptor(fd);
        }
    }
}
