package dev.agentguard.agent.hooks.process;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProcessImpl.start(String[], Map, String, Redirect[], boolean)}: the one place every
 * {@code ProcessBuilder.start} and {@code Runtime.exec} reaches before a child exists. The check comes
 * first; then the JDK is handed the command line and environment the guard decided (a copy of the
 * application's map, filtered; for a JVM child, the guard's agent added). On return the child is watched
 * for its time limit, the killswitch and the JVM's exit.
 */
public final class ProcessImplStartAdvice {
    private ProcessImplStartAdvice() {}

    @Advice.OnMethodEnter
    @SuppressWarnings("unchecked")
    static Object[] enter(@Advice.Argument(value = 0, readOnly = false) String[] argv,
                          @Advice.Argument(value = 1, readOnly = false) Map<String, String> environment,
                          @Advice.Argument(2) String directory) {
        Object[] start = GuardBridge.start(argv, environment, directory);
        argv = (String[]) start[0];
        environment = (Map<String, String>) start[1];
        return start;
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object[] start, @Advice.Return Process process) {
        GuardBridge.started(start, process);
    }
}
