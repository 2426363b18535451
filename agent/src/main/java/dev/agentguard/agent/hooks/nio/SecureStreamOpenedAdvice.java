package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.SecureDirectories;
import net.bytebuddy.asm.Advice;

/**
 * The constructor of {@code UnixSecureDirectoryStream}, made by {@code Files.newDirectoryStream} (after
 * the provider's checked {@code newDirectoryStream}) and by the stream's own {@code newDirectoryStream}:
 * remembers the directory descriptor the stream holds open, so that its methods, which get only entry
 * names, can be checked by full path, from where that descriptor's folder is at each call. Checks nothing
 * itself.
 */
public final class SecureStreamOpenedAdvice {
    private SecureStreamOpenedAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.This Object stream, @Advice.Argument(2) int directoryDescriptor) {
        SecureDirectories.record(stream, directoryDescriptor);
    }
}
