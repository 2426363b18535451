package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessBuilder.startPipeline(List)}: checks every stage before the first one starts, so a denied
 * second stage never leaves a first child running, and takes all the stages' rate tokens at once. Each stage
 * is decided again at ProcessImpl.start, without a second token; at exit the unused ones are dropped.
 */
public final class StartPipelineAdvice {
    private StartPipelineAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) List<ProcessBuilder> builders) {
        GuardBridge.execPipeline(builders);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        GuardBridge.endPipeline();
    }
}
