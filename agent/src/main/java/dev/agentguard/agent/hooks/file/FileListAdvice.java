package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code File.normalizedList()}: behind {@code list()}, {@code list(filter)} and every {@code listFiles}. Read on the directory. */
public final class FileListAdvice {
    private FileListAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path) {
        GuardBridge.file(Guard.READ, "list", path);
    }
}
