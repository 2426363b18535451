package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.SecureDirectories;
import net.bytebuddy.asm.Advice;

/**
 * The constructor of {@code UnixSecureDirectoryStream}, made by {@code Files.newDirectoryStream} (after
 * the provider's checked {@code newDirectoryStream}) and by the stream's own {@code newDirectoryStream}:
 * remembers the directory descriptor the stream holds open, so that its methods, which get only entry
 * names, can be checked by full path, from where that descriptor's folder is at each call. Then decides
 * the listing itself on that folder ({@link GuardBridge#directoryOpened}): the JDK opened the name again
 * after the provider's check, and a folder swapped in between would be listed; a denial closes the stream.
 */
public final class SecureStreamOpenedAdvice {
    private SecureStreamOpenedAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.This Object stream, @Advice.Argument(0) Object directory,
                     @Advice.Argument(2) int directoryDescriptor) {
        SecureDirectories.record(stream, directoryDescriptor);
        GuardBridge.directoryOpened((java.io.Closeable) stream, String.valueOf(directory), directoryDescriptor);
    }
}
