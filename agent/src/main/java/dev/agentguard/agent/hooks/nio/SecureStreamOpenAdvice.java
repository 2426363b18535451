package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.newByteChannel(entry, options)}: an {@code openat} relative to the stream's
 * directory; read or write by the options, as {@link OpenChannelAdvice}, and the JDK gets the checked copy.
 */
public final class SecureStreamOpenAdvice {
    private SecureStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object stream, @Advice.Argument(0) Path entry,
                      @Advice.Argument(value = 1, readOnly = false) Set<? extends OpenOption> options) {
        options = OpenOptions.snapshot(options);
        boolean write = OpenOptions.isWrite(options);
        GuardBridge.fileInDirectory(write ? Guard.WRITE : Guard.READ, write ? "open-write" : "open", stream,
                entry.toString(), OpenOptions.noFollow(options));
    }
}
