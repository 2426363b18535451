package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * {@code SecureDirectoryStream.newByteChannel(entry, options)}: an {@code openat} relative to the stream's
 * directory; read or write by the options, as {@link OpenChannelAdvice}, and the JDK gets the checked copy.
 * As there, a read is decided on its name before and on the opened descriptor after (a folder swapped
 * inside the entry's path, {@code d/file}, changes what is opened, not the decision on it); a write is
 * pinned: the JDK is handed the absolute {@code /proc/self/fd/D/leaf} (which {@code openat} takes without
 * the stream's descriptor) with {@code NOFOLLOW_LINKS} added.
 */
public final class SecureStreamOpenAdvice {
    private SecureStreamOpenAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object stream, @Advice.Argument(value = 0, readOnly = false) Path entry,
                        @Advice.Argument(value = 1, readOnly = false) Set<? extends OpenOption> options)
            throws IOException {
        options = OpenOptions.snapshot(options);
        boolean write = OpenOptions.isWrite(options);
        Object state = GuardBridge.inDirectory(write ? Guard.WRITE : Guard.READ, write ? "open-write" : "open",
                stream, entry.toString(), OpenOptions.noFollow(options));
        String handed = GuardBridge.handedInDirectory(state);
        if (handed != null) {
            entry = Path.of(handed);
            options = OpenOptions.noFollowing(options);
        }
        return state;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Return Channel channel,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (state != null) {
            thrown = GuardBridge.inDirectoryDone(state, Guard.READ, "open", channel, thrown);
        }
    }
}
