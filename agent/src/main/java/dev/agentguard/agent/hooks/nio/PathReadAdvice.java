package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * Provider methods that read the first path, following links, and throw on a denial:
 * {@code newDirectoryStream} (a listing) and {@code getFileStore}. The existence and access probes are
 * {@link PathProbeAdvice} and {@link CheckAccessAdvice}. The method name is the audit op.
 */
public final class PathReadAdvice {
    private PathReadAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path) {
        GuardBridge.file(Guard.READ, method, path.toString());
    }
}
