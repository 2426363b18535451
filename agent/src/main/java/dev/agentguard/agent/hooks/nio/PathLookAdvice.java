package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * JDK 17's provider fast paths {@code exists}, {@code isDirectory}, {@code isRegularFile} (following links),
 * answered from the guard's own look ({@link GuardBridge#fileLook}): the attributes it read and decided on give
 * the answer ({@code access(F_OK)} and a {@code stat} agree on existence), and the body is skipped. A denied
 * probe answers {@code false}, as for a file that is not there; where that is unsafe the bridge throws the
 * denial. When the guard could not look (nothing there), the body runs after the check. The method name is the
 * audit op.
 */
public final class PathLookAdvice {
    private PathLookAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path) {
        return GuardBridge.fileLook(method, path, null, false, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Origin("#m") String method, @Advice.Enter Object answer,
                     @Advice.Return(readOnly = false) boolean returned) {
        if (answer != null) {
            returned = GuardBridge.probeAnswer(method, answer);
        }
        GuardBridge.releaseFile();
    }
}
