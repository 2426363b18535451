package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of an application jar whose manifest also names a {@code Launcher-Agent-Class}: leaves
 * {@code -Dag.mainMarker} if {@code main} runs.
 */
public final class LauncherAgentApp {
    private LauncherAgentApp() {}

    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(System.getProperty("ag.mainMarker")), "main ran");
        System.out.println("MAIN RAN");
    }
}
