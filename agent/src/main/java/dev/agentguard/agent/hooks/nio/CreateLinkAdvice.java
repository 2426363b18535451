package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code createLink(link, existing)}: a hard link makes the existing file writable under a new name, so
 * both need write. {@code link(2)} does not follow a link as {@code existing}.
 */
public final class CreateLinkAdvice {
    private CreateLinkAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path existing) {
        GuardBridge.file2(Guard.WRITE, "link", existing.toString(), Guard.WRITE, link.toString(), true);
    }
}
