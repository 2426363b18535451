package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code LinuxFileSystemProvider.readAttributes(Path, Class, LinkOption...)} and, on JDK 20+,
 * {@code readAttributesIfExists}: behind {@code Files.readAttributes/size/getLastModifiedTime/isSymbolicLink},
 * {@code Files.isDirectory/isRegularFile} (25) and every {@code ZipFile}/{@code JarFile} open. A read of the
 * path, or of the link itself with {@code NOFOLLOW_LINKS}.
 *
 * <p>Their bodies reach {@code getFileAttributeView}, which is hooked too. After this check passes, the
 * rest of the method runs inside the guard so that the same read is not checked and recorded twice. That is
 * safe because the body calls no code of the application: the path is the JDK's own, the class and link
 * options are only compared by identity.
 */
public final class ReadAttributesAdvice {
    private ReadAttributesAdvice() {}

    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(0) Path path, @Advice.Argument(2) LinkOption[] options) {
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(Guard.READ, "readAttributes", path.toString());
        } else {
            GuardBridge.file(Guard.READ, "readAttributes", path.toString());
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
