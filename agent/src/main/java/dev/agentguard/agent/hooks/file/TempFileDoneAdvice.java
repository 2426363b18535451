package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.createTempFile(prefix, suffix, dir)} returned or threw: the JDK created the pinned name that
 * {@link TempFileAdvice} handed it; the guard closes the pinned folder and returns the file under the name the
 * JDK generated in the caller's folder. Decides nothing itself: the name was decided by {@link TempFileAdvice}.
 */
public final class TempFileDoneAdvice {
    private TempFileDoneAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Return(readOnly = false) File created) {
        created = GuardBridge.tempFileDone(created);
    }
}
