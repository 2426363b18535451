package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code LinuxFileSystemProvider.readAttributes(Path, Class, LinkOption...)} and, on JDK 20+,
 * {@code readAttributesIfExists}: behind {@code Files.readAttributes/size/getLastModifiedTime/isSymbolicLink},
 * {@code Files.isDirectory/isRegularFile} (25) and every {@code ZipFile}/{@code JarFile} open. A read of the
 * path, or of the link itself with {@code NOFOLLOW_LINKS}; the method name is the audit op.
 *
 * <p>A denied query is answered as for a missing file: {@code readAttributes} throws
 * {@link NoSuchFileException}, {@code readAttributesIfExists} is skipped and returns null. Where that is
 * unsafe (a {@code ZipFile} open, a path granted for writing), the bridge throws the denial instead.
 *
 * <p>Their bodies reach {@code getFileAttributeView}, which is hooked too. After this check passes, the
 * path is held ({@link GuardBridge#holdFile}) while the body runs, so the same read of the same path is
 * checked and recorded once; anything else the body touches is still checked.
 */
public final class ReadAttributesAdvice {
    private ReadAttributesAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path,
                         @Advice.Argument(value = 2, readOnly = false) LinkOption[] options) throws NoSuchFileException {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        String given = path.toString();
        if (GuardBridge.holdFileQuery(method, given, OpenOptions.noFollow(options))) {
            if (method.equals("readAttributes")) {
                throw new NoSuchFileException(given);
            }
            return true;
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        GuardBridge.releaseFile();
    }
}
