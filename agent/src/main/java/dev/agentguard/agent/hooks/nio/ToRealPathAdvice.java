package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code UnixPath.toRealPath}: tells whether the path exists and where its links lead, so a read. A
 * denial throws {@link NoSuchFileException}, as for a path that is not there (where that is unsafe, the
 * bridge throws the denial). The guard's own real-path resolution calls it too, from inside the guard,
 * where the hook returns at once.
 */
public final class ToRealPathAdvice {
    private ToRealPathAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Path self, @Advice.Argument(value = 0, readOnly = false) LinkOption[] options) throws NoSuchFileException {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        GuardBridge.fileQueryOrMissing("toRealPath", self.toString(), OpenOptions.noFollow(options));
    }
}
