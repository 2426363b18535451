package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import java.io.IOException;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.getCanonicalPath()} (and {@code getCanonicalFile()}): a read, since the answer tells where
 * links point and which parts exist. Unlike the other File methods, the JDK canonicalizes
 * {@code getPath()} here (through {@code FileSystem.resolve(File)}), so that is what is checked.
 *
 * <p>{@code getPath()} is read once. A subclass may override it to answer the JDK's own call differently
 * (attack2: an allowed file to the check, a link in a denied folder to the JDK, whose target's name came out),
 * so for a subclass the body is skipped and the canonical path is that of a plain {@code File} of the text
 * decided (its own call is checked again, on the same text).
 */
public final class FileCanonicalPathAdvice {
    private FileCanonicalPathAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static String enter(@Advice.This File self) throws IOException {
        String path = self.getPath();
        GuardBridge.file(Guard.READ, "canonicalize", path);
        if (self.getClass() != File.class) {
            return new File(path).getCanonicalPath();
        }
        return null;
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter String answer, @Advice.Return(readOnly = false) String returned) {
        if (answer != null) {
            returned = answer;
        }
    }
}
