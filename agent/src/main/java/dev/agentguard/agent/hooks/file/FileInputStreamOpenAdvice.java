package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code FileInputStream.open(String)}: every java.io read stream, FileReader and Scanner(File) open. */
public final class FileInputStreamOpenAdvice {
    private FileInputStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String path) {
        GuardBridge.file(Guard.READ, "open", path);
    }
}
