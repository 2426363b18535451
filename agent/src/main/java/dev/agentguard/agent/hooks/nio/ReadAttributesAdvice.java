package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code LinuxFileSystemProvider.readAttributes(Path, Class, LinkOption...)} and, on JDK 20+,
 * {@code readAttributesIfExists}: behind {@code Files.readAttributes/size/getLastModifiedTime/isSymbolicLink},
 * {@code Files.isDirectory/isRegularFile} (25) and every {@code ZipFile}/{@code JarFile} open. A read of the
 * path, or of the link itself with {@code NOFOLLOW_LINKS}; the method name is the audit op.
 *
 * <p>The guard reads the attributes itself, decides on the object they describe, and they are the answer: the
 * method body is skipped ({@link GuardBridge#fileLook}), so the kernel is asked once and the caller learns
 * about the object decided. The link option array is read once, here.
 *
 * <p>A denied query is answered as for a missing file: {@code readAttributes} throws
 * {@link NoSuchFileException}, {@code readAttributesIfExists} returns null. Where that is unsafe (a
 * {@code ZipFile} open, a path granted for writing), the bridge throws the denial instead. When the guard
 * could not look (a missing file, another attribute type), the body runs after the check, and the path is
 * held while it runs, so its call of the hooked {@code getFileAttributeView} is checked and recorded once.
 */
public final class ReadAttributesAdvice {
    private ReadAttributesAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Argument(0) Path path,
                        @Advice.Argument(1) Class<?> type,
                        @Advice.Argument(value = 2, readOnly = false) LinkOption[] options)
            throws NoSuchFileException {
        // Decided on a copy, which the JDK then reads: the caller's array may change on another thread.
        options = OpenOptions.copy(options);
        Object answer = GuardBridge.fileLook(method, path, type, OpenOptions.noFollow(options), true);
        if (answer == GuardBridge.ABSENT && method.equals("readAttributes")) {
            GuardBridge.releaseFile();
            throw new NoSuchFileException(path.toString());
        }
        return answer;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object answer,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (answer != null) {
            returned = answer == GuardBridge.ABSENT ? null : answer;
        }
        GuardBridge.releaseFile();
    }
}
