package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code com.sun.management.internal.DiagnosticCommandImpl$Wrapper.execute(String[])}: every in-process
 * diagnostic command (the DiagnosticCommand MBean, local or through a JMX connector) passes here on its
 * way to the native {@code executeDiagnosticCommand}. The command line is decided, and the JDK goes on
 * with the bridge's copy of the arguments, the one that was checked.
 */
public final class DiagnosticCommandAdvice {
    private DiagnosticCommandAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("cmd") String command,
                      @Advice.Argument(value = 0, readOnly = false) String[] args) {
        args = GuardBridge.diagnosticCommand(command, args);
    }
}
