package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code copy}: reads the source (the link itself with {@code NOFOLLOW_LINKS}) and writes the target
 * (which the copy replaces as an entry, never through a link).
 */
public final class CopyAdvice {
    private CopyAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target,
                      @Advice.Argument(value = 2, readOnly = false) CopyOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        GuardBridge.file2(Guard.READ, "copy", source.toString(), Guard.WRITE, target.toString(),
                OpenOptions.noFollow(options));
    }
}
