package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code copy}: reads the source (the link itself with {@code NOFOLLOW_LINKS}) and writes the target
 * (which the copy replaces as an entry, never through a link). Both are pinned in their decided folders: the
 * JDK is handed {@code /proc/self/fd/D/leaf} for each, and {@code NOFOLLOW_LINKS} when the source is pinned,
 * so a folder swapped above either leaf after the decision cannot change what is copied or where (issue 13
 * review); errors name the caller's paths.
 */
public final class CopyAdvice {
    private CopyAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path source,
                        @Advice.Argument(value = 1, readOnly = false) Path target,
                        @Advice.Argument(value = 2, readOnly = false) CopyOption[] options) throws IOException {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        Object pair = GuardBridge.anchorCopy(source.toString(), target.toString(), OpenOptions.noFollow(options));
        if (pair != null) {
            String from = GuardBridge.movedHanded(pair, 0);
            String to = GuardBridge.movedHanded(pair, 1);
            if (from != null) {
                source = Path.of(from);
                options = OpenOptions.noFollowing(options);
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
