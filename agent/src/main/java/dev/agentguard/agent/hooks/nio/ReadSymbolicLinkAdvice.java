package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/** {@code readSymbolicLink}: reads the link itself, so its real form is its parent's plus its own name. */
public final class ReadSymbolicLinkAdvice {
    private ReadSymbolicLinkAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path link) {
        GuardBridge.fileNoFollow(Guard.READ, "readlink", link.toString());
    }
}
