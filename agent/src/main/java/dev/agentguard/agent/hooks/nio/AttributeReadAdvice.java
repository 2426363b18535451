package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code LinuxFileSystemProvider.getFileAttributeView(Path, Class, LinkOption...)}: a read of the path's
 * attributes. Creating a view does no I/O, but every read through it follows; the view's writes are hooked
 * in the view classes themselves. The method name is the audit op. A denial throws: the JDK returns a view
 * for a missing file too (its reads fail later), so there is no "absent" answer to give here.
 */
public final class AttributeReadAdvice {
    private AttributeReadAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path,
                      @Advice.Argument(value = 2, readOnly = false) LinkOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(Guard.READ, method, path.toString());
        } else {
            GuardBridge.file(Guard.READ, method, path.toString());
        }
    }
}
