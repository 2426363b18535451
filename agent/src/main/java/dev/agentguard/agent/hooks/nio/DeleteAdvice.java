package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code implDelete}, behind {@code Files.delete} and {@code Files.deleteIfExists}: a write on the entry
 * itself ({@code unlink}/{@code rmdir} never follow a link as the last component). Pinned: the JDK is
 * handed {@code /proc/self/fd/D/leaf}, D being the decided folder held open, so a folder swapped above the
 * leaf after the decision cannot redirect the delete; errors name the caller's path.
 */
public final class DeleteAdvice {
    private DeleteAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path path) throws IOException {
        Object anchor = GuardBridge.anchorWrite(Guard.WRITE, "delete", path.toString(), true, false);
        if (anchor != null) {
            path = Path.of(GuardBridge.handed(anchor));
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
