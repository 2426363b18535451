package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code createSymbolicLink(link, target)}: a write on the link, a read on what it points to. The kernel
 * resolves a relative target against the directory holding the link, not the working directory, so the
 * target is checked there. The link's name is pinned in its decided folder and the JDK is handed
 * {@code /proc/self/fd/D/leaf} (issue 13); the target stays the caller's text, and what it reaches is decided
 * again whenever it is opened.
 */
public final class CreateSymbolicLinkAdvice {
    private CreateSymbolicLinkAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path link, @Advice.Argument(1) Path target)
            throws IOException {
        Path linkDirectory = link.getParent();
        Path pointsTo = target.isAbsolute() || linkDirectory == null ? target : linkDirectory.resolve(target);
        Object anchor = GuardBridge.anchorSymlink(link.toString(), pointsTo.toString());
        if (anchor != null) {
            link = Path.of(GuardBridge.handed(anchor));
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
