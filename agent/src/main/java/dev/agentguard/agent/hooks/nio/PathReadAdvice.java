package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * Provider methods that read the first path, following links: {@code newDirectoryStream} (list),
 * {@code checkAccess}, {@code getFileStore}, and the existence and access probes ({@code exists},
 * {@code isDirectory}, {@code isRegularFile} on JDK 17; {@code isReadable/isWritable/isExecutable} on 25).
 * A probe for write or execute access changes nothing, so it is a read. The method name is the audit op.
 */
public final class PathReadAdvice {
    private PathReadAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path) {
        GuardBridge.file(Guard.READ, method, path.toString());
    }
}
