package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code jdk.jfr.internal.PlatformRecorder.start(PlatformRecording)}: every recording start (the jdk.jfr
 * API, {@code RecordingStream}, a scheduled start). The recording is passed as an Object: its type is
 * internal to jdk.jfr.
 */
public final class JfrStartAdvice {
    private JfrStartAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object recording) {
        GuardBridge.jfrStart(recording);
    }
}
