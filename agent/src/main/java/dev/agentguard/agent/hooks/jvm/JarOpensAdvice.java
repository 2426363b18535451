package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code sun.launcher.LauncherHelper.addExportsOrOpens(String value, boolean open)}: the launcher applying a
 * {@code java -jar} manifest's {@code Add-Opens}/{@code Add-Exports}, after the guard started and before
 * {@code main}. Always refused: an application that wrote its own jar could open {@code java.base} to itself
 * and start processes below the hooked methods.
 */
public final class JarOpensAdvice {
    private JarOpensAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String value, @Advice.Argument(1) boolean open) {
        GuardBridge.jarOpens((open ? "Add-Opens: " : "Add-Exports: ") + value);
    }
}
