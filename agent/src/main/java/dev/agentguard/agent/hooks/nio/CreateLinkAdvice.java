package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code createLink(link, existing)}: a hard link makes the existing file writable under a new name, so
 * both need write. {@code link(2)} does not follow a link as {@code existing}. Both names are pinned in their
 * decided folders and the JDK is handed {@code /proc/self/fd/D/leaf} for each, so a folder swapped above
 * either after the decision cannot link another file (issue 13); errors name the caller's paths.
 */
public final class CreateLinkAdvice {
    private CreateLinkAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path link,
                        @Advice.Argument(value = 1, readOnly = false) Path existing) throws IOException {
        Object pair = GuardBridge.anchorLink(link.toString(), existing.toString());
        if (pair != null) {
            String source = GuardBridge.movedHanded(pair, 0);
            String target = GuardBridge.movedHanded(pair, 1);
            if (source != null) {
                existing = Path.of(source);
            }
            if (target != null) {
                link = Path.of(target);
            }
        }
        return pair;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object pair, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (pair != null) {
            thrown = GuardBridge.moveDone(pair, thrown);
        }
    }
}
