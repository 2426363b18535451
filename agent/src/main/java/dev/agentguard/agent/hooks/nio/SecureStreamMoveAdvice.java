package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.move(from, targetStream, to)}: {@code renameat} between two open
 * directories, a write on both entries (neither followed), each decided where its stream's folder is now.
 * An entry may hold folders ({@code d/file}) that can be swapped, so both are pinned and {@code renameat} is
 * handed the absolute {@code /proc/self/fd/D/leaf} names, which it takes without the streams' descriptors
 * (issue 13); errors name the caller's entries.
 */
public final class SecureStreamMoveAdvice {
    private SecureStreamMoveAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object stream, @Advice.Argument(value = 0, readOnly = false) Path from,
                        @Advice.Argument(1) SecureDirectoryStream<Path> targetStream,
                        @Advice.Argument(value = 2, readOnly = false) Path to) throws IOException {
        Object pair = GuardBridge.anchorMoveInDirectory(stream, from.toString(), targetStream, to.toString());
        if (pair != null) {
            String source = GuardBridge.movedHanded(pair, 0);
            String target = GuardBridge.movedHanded(pair, 1);
            // The default file system's own paths of the pinned names: the caller's path's file system is the
            // caller's code, and made any path it liked of them (attack2: a denied file moved into the granted
            // folder in place of the decided entry).
            if (source != null) {
                from = Path.of(source);
            }
            if (target != null) {
                to = Path.of(target);
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
