package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/** {@code HotSpotDiagnostic.dumpHeap(String, boolean)}: before the native dump writes the file. */
public final class HeapDumpAdvice {
    private HeapDumpAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String path) {
        GuardBridge.heapDump(path);
    }
}
