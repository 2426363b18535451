package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code AbstractFileSystemProvider.readAttributes(Path, String, LinkOption...)}, behind
 * {@code Files.readAttributes(path, "posix:*")} and {@code Files.getAttribute}: a read of the path's
 * attributes. A denial throws {@link NoSuchFileException}, as for a missing file (where that is unsafe the
 * bridge throws the denial).
 */
public final class AttributeMapAdvice {
    private AttributeMapAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path, @Advice.Argument(value = 2, readOnly = false) LinkOption[] options)
            throws NoSuchFileException {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        GuardBridge.fileQueryOrMissing("readAttributes", path.toString(), OpenOptions.noFollow(options));
    }
}
