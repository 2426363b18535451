package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessImpl.newFileDescriptor(int)}: the JDK wraps each pipe to a child it started (whose start
 * the guard checked) in a FileDescriptor and opens a FileInputStream/FileOutputStream on it. Recording
 * these as guarded opens keeps {@link FileDescriptorStreamAdvice} from denying a permitted child's
 * stdin, stdout and stderr. Nothing is checked here: the method has no path, and no caller outside
 * ProcessImpl can reach it.
 */
public final class ProcessPipeDescriptorAdvice {
    private ProcessPipeDescriptorAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return FileDescriptor fd) {
        GuardBridge.opened(fd);
    }
}
