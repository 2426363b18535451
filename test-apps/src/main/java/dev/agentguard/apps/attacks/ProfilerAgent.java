package dev.agentguard.apps.attacks;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A profiler's Java agent, loaded after start-up with {@code JVMTI.agent_load} (a {@code jvm.agents} grant):
 * it retransforms the hooked {@code FileInputStream} as a profiler would, and leaves a marker (its
 * argument) saying so. Its jar holds only this class, so the guard can tell it came from the granted jar.
 */
public final class ProfilerAgent {
    private ProfilerAgent() {}

    public static void agentmain(String marker, Instrumentation instrumentation) throws Exception {
        instrumentation.retransformClasses(java.io.FileInputStream.class);
        Files.writeString(Path.of(marker), "profiler agent ran and retransformed FileInputStream");
    }
}
