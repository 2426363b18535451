package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.TempDirectory.generateFile(prefix, suffix, dir)}: names each file that
 * {@code File.createTempFile} is about to create. Checked on exit, on the name it returns: write on the
 * exact file, in the directory the JDK really uses (for a null directory that is the
 * {@code java.io.tmpdir} the JDK captured, which a later {@code System.setProperty} does not change).
 * A denial throws out of {@code createTempFile} before {@code createFileExclusively} runs.
 */
public final class TempFileAdvice {
    private TempFileAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return File created) {
        // A File the JDK has just built with new File(dir, name): its getPath() is its path field.
        GuardBridge.file(Guard.WRITE, "create-temp", created.getPath());
    }
}
