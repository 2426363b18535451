package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code UnixFileSystemProvider.checkAccess}: an existence and access probe (behind {@code Files.exists}
 * and {@code isReadable} on JDK 17, and called directly by configuration libraries), so a read. A denied
 * probe throws {@link NoSuchFileException}, as the kernel's answer for a missing file does; where that is
 * unsafe the bridge throws the denial.
 */
public final class CheckAccessAdvice {
    private CheckAccessAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path) throws NoSuchFileException {
        GuardBridge.fileQueryOrMissing("checkAccess", path.toString(), false);
    }
}
