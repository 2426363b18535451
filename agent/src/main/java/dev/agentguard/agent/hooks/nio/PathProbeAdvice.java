package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * Provider probes that answer {@code false} for a missing file, following links: {@code isReadable},
 * {@code isWritable}, {@code isExecutable} (JDK 20+; an {@code access(2)} answer, which a {@code stat}
 * cannot give; JDK 17's {@code exists}, {@code isDirectory}, {@code isRegularFile} are {@link PathLookAdvice}). A probe for write or execute access changes
 * nothing, so it is a read. A denied probe skips the method, which returns {@code false} as for a file
 * that is not there; where that is unsafe the bridge throws the denial. The method name is the audit op.
 */
public final class PathProbeAdvice {
    private PathProbeAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path) {
        return GuardBridge.fileQuery(method, path.toString(), false);
    }
}
