package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * JDK 20+ {@code UnixFileSystemProvider.exists(Path, LinkOption...)}, behind {@code Files.exists} and
 * {@code Files.notExists}: a read. A denial skips the method, which returns {@code false} as for a missing
 * file (where that is unsafe the bridge throws the denial). With {@code NOFOLLOW_LINKS} it reaches the
 * hooked {@code readAttributes}; as in {@link ReadAttributesAdvice}, the path is held while the body runs,
 * so the same read is checked and recorded once.
 */
public final class ExistsAdvice {
    private ExistsAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Argument(0) Path path, @Advice.Argument(value = 1, readOnly = false) LinkOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        return GuardBridge.holdFileQuery("exists", path.toString(), OpenOptions.noFollow(options));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        GuardBridge.releaseFile();
    }
}
