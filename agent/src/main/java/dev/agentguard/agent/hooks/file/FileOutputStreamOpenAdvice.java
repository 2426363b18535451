package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code FileOutputStream.open(String, boolean)}: every java.io write stream, FileWriter, PrintStream(File). */
public final class FileOutputStreamOpenAdvice {
    private FileOutputStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String path, @Advice.Argument(1) boolean append) {
        GuardBridge.file(Guard.WRITE, append ? "append" : "open-write", path);
    }
}
