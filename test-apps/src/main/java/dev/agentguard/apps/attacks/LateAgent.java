package dev.agentguard.apps.attacks;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent an attacker loads after start-up: given an {@code Instrumentation}, it could retransform the
 * hooked JDK classes back to their original code. Here it only leaves a marker (its argument, or
 * {@code -Dag.lateAgentMarker}) so the parent test can tell that it ran.
 */
public final class LateAgent {
    private LateAgent() {}

    public static void agentmain(String marker, Instrumentation instrumentation) throws Exception {
        String where = marker == null || marker.isEmpty() ? System.getProperty("ag.lateAgentMarker") : marker;
        Files.writeString(Path.of(where), "late agent ran, retransform supported: "
                + instrumentation.isRetransformClassesSupported());
    }
}
