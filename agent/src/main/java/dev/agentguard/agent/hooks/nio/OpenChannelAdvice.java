package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.OpenOptions;
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
 */
public final class OpenChannelAdvice {
    private OpenChannelAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Path path,
                      @Advice.Argument(value = 1, readOnly = false) Set<? extends OpenOption> options) {
        options = OpenOptions.snapshot(options);
        boolean write = OpenOptions.isWrite(options);
        String op = write ? "open-write" : "open";
        if (OpenOptions.noFollow(options)) {
            GuardBridge.fileNoFollow(write ? Guard.WRITE : Guard.READ, op, path.toString());
        } else {
            GuardBridge.file(write ? Guard.WRITE : Guard.READ, op, path.toString());
        }
    }
}
