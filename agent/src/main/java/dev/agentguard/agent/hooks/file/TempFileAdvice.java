package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.TempDirectory.generateFile(prefix, suffix, dir)}: names each file that
 * {@code File.createTempFile} is about to create. Checked on exit, on the name it returns: write on the
 * exact file, in the directory the JDK really uses (for a null directory that is the
 * {@code java.io.tmpdir} the JDK captured, which a later {@code System.setProperty} does not change).
 * A denial throws out of {@code createTempFile} before {@code createFileExclusively} runs. Allowed, the
 * folder is pinned and the JDK gets the pinned name ({@code /proc/self/fd/D/leaf}) to test and create;
 * {@link TempFileDoneAdvice} gives the caller its own name back.
 */
public final class TempFileAdvice {
    private TempFileAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) File created) throws java.io.IOException {
        created = GuardBridge.tempFileNamed(created);
    }
}
