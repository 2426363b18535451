package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessImpl.start(String[], Map, String, Redirect[], boolean)}: the one place every
 * {@code ProcessBuilder.start} and {@code Runtime.exec} reaches before a child exists. The check comes
 * first (it sees the environment: a decomposed {@code sh -c} script depends on the child's PATH, and is
 * then started with the copy that was decided); then the child's environment is filtered (a null map,
 * "inherit everything", becomes a filtered copy).
 */
public final class ProcessImplStartAdvice {
    private ProcessImplStartAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String[] argv,
                      @Advice.Argument(value = 1, readOnly = false) Map<String, String> environment,
                      @Advice.Argument(2) String directory) {
        environment = GuardBridge.exec(argv, directory, environment);
        environment = GuardBridge.childEnvironment(environment);
    }
}
