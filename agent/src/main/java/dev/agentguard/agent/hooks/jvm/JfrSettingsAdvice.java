package dev.agentguard.agent.hooks.jvm;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * {@code jdk.jfr.internal.MetadataRepository.setSettings(List, boolean)}: the settings of every running
 * recording, merged here before they reach the events. Replaced by copies in which the environment and
 * process events are off.
 */
public final class JfrSettingsAdvice {
    private JfrSettingsAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, readOnly = false) List<Map<String, String>> settings) {
        settings = GuardBridge.jfrSettings(settings);
    }
}
