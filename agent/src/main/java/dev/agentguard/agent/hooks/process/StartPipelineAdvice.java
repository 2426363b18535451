package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessBuilder.startPipeline(List)}: checks every stage before the first one starts, so a denied
 * second stage never leaves a first child running. Each stage is checked again at ProcessImpl.start.
 */
public final class StartPipelineAdvice {
    private StartPipelineAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) List<ProcessBuilder> builders) {
        GuardBridge.execPipeline(builders);
    }
}
