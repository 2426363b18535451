package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
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
 * the channel's descriptor; a denial closes the channel before it is returned.
 */
public final class OpenChannelAdvice {
    private OpenChannelAdvice() {}

    @Advice.OnMethodEnter
    static boolean enter(@Advice.Argument(0) Path path,
                         @Advice.Argument(value = 1, readOnly = false) Set<? extends OpenOption> options) {
        options = OpenOptions.snapshot(options);
        if (!OpenOptions.isWrite(options)) {
            return GuardBridge.beforeRead("open", path.toString());
        }
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(Guard.WRITE, "open-write", path.toString());
        } else {
            GuardBridge.file(Guard.WRITE, "open-write", path.toString());
        }
        return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean decideAfter, @Advice.Argument(0) Path path,
                     @Advice.Return Channel channel, @Advice.Thrown Throwable thrown) {
        if (decideAfter) {
            if (thrown == null) {
                GuardBridge.openedChannel(Guard.READ, "open", path.toString(), channel);
            } else {
                GuardBridge.openFailed(Guard.READ, "open", path.toString());
            }
        }
    }
}
