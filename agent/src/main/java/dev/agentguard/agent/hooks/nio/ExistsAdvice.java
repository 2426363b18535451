package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * JDK 20+ {@code UnixFileSystemProvider.exists(Path, LinkOption...)}, behind {@code Files.exists} and
 * {@code Files.notExists}: a read. With {@code NOFOLLOW_LINKS} it reaches the hooked {@code readAttributes};
 * as in {@link ReadAttributesAdvice}, the body then runs inside the guard so the read is recorded once (the
 * body runs no application code).
 */
public final class ExistsAdvice {
    private ExistsAdvice() {}

    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(0) Path path, @Advice.Argument(1) LinkOption[] options) {
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(Guard.READ, "exists", path.toString());
        } else {
            GuardBridge.file(Guard.READ, "exists", path.toString());
        }
        return GuardBridge.enterGuard();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean entered) {
        if (entered) {
            GuardBridge.exitGuard();
        }
    }
}
