package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessBuilder.startPipeline(List)}: checks every stage before the first one starts, so a denied
 * second stage never leaves a first child running, and takes all the stages' rate tokens at once. Each stage
 * is decided again at ProcessImpl.start, without a second token if its argv is the next stage's; at exit the
 * pipeline this one was nested in (if any) is restored, and the unused tokens are dropped.
 */
public final class StartPipelineAdvice {
    private StartPipelineAdvice() {}

    @Advice.OnMethodEnter
    static Object enter(@Advice.Argument(0) List<ProcessBuilder> builders) {
        return GuardBridge.execPipeline(builders);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object outer) {
        GuardBridge.endPipeline(outer);
    }
}
