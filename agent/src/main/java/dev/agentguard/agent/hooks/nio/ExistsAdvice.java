package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * JDK 20+ {@code UnixFileSystemProvider.exists(Path, LinkOption...)}, behind {@code Files.exists} and
 * {@code Files.notExists}: a read, answered from the guard's own look ({@link GuardBridge#fileLook}): true when
 * the look found the object and it is granted, false when denied (as for a missing file; where that is unsafe
 * the bridge throws the denial). When the guard could not look, the body runs after the check; with
 * {@code NOFOLLOW_LINKS} it reaches the hooked {@code readAttributes}, and as in {@link ReadAttributesAdvice}
 * the path is held while it runs, so the same read is checked and recorded once.
 */
public final class ExistsAdvice {
    private ExistsAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Argument(0) Path path,
                        @Advice.Argument(value = 1, readOnly = false) LinkOption[] options) {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        return GuardBridge.fileLook("exists", path, null, OpenOptions.noFollow(options), true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object answer, @Advice.Return(readOnly = false) boolean returned) {
        if (answer != null) {
            returned = answer != GuardBridge.ABSENT;
        }
        GuardBridge.releaseFile();
    }
}
