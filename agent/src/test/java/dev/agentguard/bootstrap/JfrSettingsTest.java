package dev.agentguard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flight Recorder's settings as the guard hands them on: the environment and process events always off. */
class JfrSettingsTest {
    @Test
    void everySpellingOfTheEnvironmentEventIsReplacedByOff() {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("jdk.InitialEnvironmentVariable#enabled", "true");
        // HotSpot trims the setting name and upgrades the legacy event name.
        asked.put("jdk.InitialEnvironmentVariable# enabled ", "true");
        asked.put("com.oracle.jdk.InitialEnvironmentVariable#enabled", "true");
        asked.put("jdk.InitialEnvironmentVariable#period", "everyChunk");
        asked.put("jdk.SystemProcess#enabled", "true");
        asked.put("jdk.CPULoad#enabled", "true");
        List<Map<String, String>> safe = GuardBridge.jfrSettings(List.of(asked, Map.of()));
        assertThat(safe).hasSize(2);
        for (Map<String, String> one : safe) {
            assertThat(one).containsEntry("jdk.InitialEnvironmentVariable#enabled", "false")
                    .containsEntry("jdk.SystemProcess#enabled", "false");
            assertThat(one.keySet().stream().filter(k -> k.contains("InitialEnvironmentVariable"))).hasSize(1);
            assertThat(one.keySet().stream().filter(k -> k.contains("SystemProcess"))).hasSize(1);
        }
        assertThat(safe.get(0)).containsEntry("jdk.CPULoad#enabled", "true");
        // The caller's map is not changed: the JDK keeps the recording's own settings as asked.
        assertThat(asked).containsEntry("jdk.InitialEnvironmentVariable#enabled", "true");
    }
}
