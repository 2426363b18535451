package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code AbstractFileSystemProvider.setAttribute}, behind {@code Files.setAttribute}: a write. The view
 * write it ends in is checked again; unlike the attribute reads, the body cannot run inside the guard,
 * because it iterates the value the application passed (a {@code Set} of permissions may be its own class).
 */
public final class SetAttributeAdvice {
    private SetAttributeAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path, @Advice.Argument(value = 3, readOnly = false) LinkOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(Guard.WRITE, "setAttribute", path.toString());
        } else {
            GuardBridge.file(Guard.WRITE, "setAttribute", path.toString());
        }
    }
}
