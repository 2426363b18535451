package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code createDirectory}, also every level that {@code Files.createDirectories} creates: a write. Pinned in
 * the decided folder: the JDK is handed {@code /proc/self/fd/D/leaf}, so a folder swapped above the leaf after
 * the decision cannot move where it is made (issue 13 review); errors name the caller's path.
 */
public final class CreateDirectoryAdvice {
    private CreateDirectoryAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path dir) throws IOException {
        Object anchor = GuardBridge.anchorWrite(Guard.WRITE, "mkdir", dir.toString(), false, false);
        if (anchor != null) {
            dir = Path.of(GuardBridge.handed(anchor));
        }
        return anchor;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object anchor, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (anchor != null) {
            thrown = GuardBridge.anchorDone(anchor, thrown);
        }
    }
}
