package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.deleteFile/deleteDirectory}: {@code unlinkat}, a write on the entry itself.
 * Pinned as {@link DeleteAdvice}: the JDK is handed the absolute {@code /proc/self/fd/D/leaf} (which
 * {@code unlinkat} takes without the stream's descriptor), so a folder swapped inside the entry's path
 * ({@code d/file}) after the decision cannot redirect the delete.
 */
public final class SecureStreamDeleteAdvice {
    private SecureStreamDeleteAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Origin("#m") String method, @Advice.This Object stream,
                        @Advice.Argument(value = 0, readOnly = false) Path entry) throws IOException {
        Object state = GuardBridge.inDirectory(Guard.WRITE, method, stream, entry.toString(), true);
        String handed = GuardBridge.handedInDirectory(state);
        if (handed != null) {
            entry = Path.of(handed);
        }
        return state;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Origin("#m") String method,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (state != null) {
            thrown = GuardBridge.inDirectoryDone(state, Guard.WRITE, method, null, thrown);
        }
    }
}
