package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code createSymbolicLink(link, target)}: a write on the link, a read on what it points to. The kernel
 * resolves a relative target against the directory holding the link, not the working directory, so the
 * target is checked there.
 */
public final class CreateSymbolicLinkAdvice {
    private CreateSymbolicLinkAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path target) {
        Path linkDirectory = link.getParent();
        Path pointsTo = target.isAbsolute() || linkDirectory == null ? target : linkDirectory.resolve(target);
        GuardBridge.file2(Guard.READ, "symlink", pointsTo.toString(), Guard.WRITE, link.toString(), false);
    }
}
