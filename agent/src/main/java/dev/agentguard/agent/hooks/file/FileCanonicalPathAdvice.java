package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.getCanonicalPath()} (and {@code getCanonicalFile()}): a read, since the answer tells where
 * links point and which parts exist. Unlike the other File methods, the JDK canonicalizes
 * {@code getPath()} here (through {@code FileSystem.resolve(File)}), so that is what is checked.
 */
public final class FileCanonicalPathAdvice {
    private FileCanonicalPathAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This File self) {
        GuardBridge.file(Guard.READ, "canonicalize", self.getPath());
    }
}
