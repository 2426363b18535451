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
 * The provider's opens: {@code newFileChannel}, {@code newAsynchronousFileChannel}, and on JDK 17
 * {@code newByteChannel} (on 25 it delegates to {@code newFileChannel}, so only that is hooked there).
 * Behind {@code Files.newInputStream/newOutputStream/newBufferedReader/lines/readAllBytes/write},
 * {@code FileChannel.open} and {@code AsynchronousFileChannel.open}. Any option that can create, change or
 * remove the file makes it a write. The JDK gets an immutable copy of the options that were checked.
 *
 * <p>A read is decided on its name before the open (no system call) and on the opened file after, through
 * the channel's descriptor; a denial closes the channel before it is returned. A write is decided on its
 * real form and pinned there: the JDK is handed {@code /proc/self/fd/D/leaf} (D: the decided folder, held
 * open by the guard) with {@code NOFOLLOW_LINKS} added to the checked options; errors name the caller's path.
 */
public final class OpenChannelAdvice {
    private OpenChannelAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(value = 0, readOnly = false) Path path,
                        @Advice.Argument(value = 1, readOnly = false) Set<? extends OpenOption> options)
            throws IOException {
        options = OpenOptions.snapshot(options);
        if (!OpenOptions.isWrite(options)) {
            return GuardBridge.beforeRead("open", path.toString());
        }
        Object anchor = GuardBridge.anchorWrite(Guard.WRITE, "open-write", path.toString(),
                OpenOptions.noFollow(options), false);
        if (anchor != null) {
            path = Path.of(GuardBridge.handed(anchor));
            options = OpenOptions.noFollowing(options);
        }
        return anchor;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Argument(0) Path path,
                     @Advice.Return Channel channel, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (state != null) {
            // A read's decision token, or a write's pin: the bridge tells them apart.
            thrown = GuardBridge.opened(state, Guard.READ, "open", path.toString(), channel, thrown);
        }
    }
}
