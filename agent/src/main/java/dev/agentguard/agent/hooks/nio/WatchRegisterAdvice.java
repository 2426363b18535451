package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.nio.file.Path;
import net.bytebuddy.asm.Advice;

/**
 * {@code UnixPath.register(WatchService, Kind[], Modifier[])}: every {@code Path.register} on the default
 * file system. A watch key reports the names of the entries created, changed and deleted in the
 * directory, so registering is a read (a listing) of it.
 */
public final class WatchRegisterAdvice {
    private WatchRegisterAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.This Path directory) {
        GuardBridge.file(Guard.READ, "watch", directory.toString());
    }
}
