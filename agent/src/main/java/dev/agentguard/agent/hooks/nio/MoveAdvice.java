package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code move}: a rename, so a write on both entries; neither is followed if it is a link. Both are pinned in
 * their decided folders: the JDK is handed {@code /proc/self/fd/D/leaf} for each, so a folder swapped above
 * either leaf after the decision cannot redirect the move (issue 13 review); errors name the caller's paths.
 */
public final class MoveAdvice {
    private MoveAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path source,
                        @Advice.Argument(value = 1, readOnly = false) Path target) throws IOException {
        Object pair = GuardBridge.anchorMove("move", source.toString(), target.toString());
        if (pair != null) {
            String from = GuardBridge.movedHanded(pair, 0);
            String to = GuardBridge.movedHanded(pair, 1);
            if (from != null) {
                source = Path.of(from);
            }
            if (to != null) {
                target = Path.of(to);
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
