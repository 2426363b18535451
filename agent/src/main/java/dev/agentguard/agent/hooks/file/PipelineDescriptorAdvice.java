package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessBuilder.RedirectPipeImpl()}: {@code startPipeline} makes one per pipe between two stages.
 * Its FileDescriptor starts empty, is filled by the (checked) start of the stage that writes to it, and is
 * then closed through a FileInputStream made on it. Recording it as a guarded open keeps
 * {@link FileDescriptorStreamAdvice} from denying that close. Applications cannot make one: the class
 * and its constructor are package-private in java.lang.
 */
public final class PipelineDescriptorAdvice {
    private PipelineDescriptorAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.FieldValue("fd") FileDescriptor fd) {
        GuardBridge.opened(fd);
    }
}
