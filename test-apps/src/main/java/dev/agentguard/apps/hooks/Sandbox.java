package dev.agentguard.apps.hooks;

import java.nio.file.Path;

/**
 * Where the actions act, set by the parent test: a sandbox folder, a loopback port that a listener of the
 * test accepts on, and the name of a planted environment variable.
 */
public record Sandbox(Path dir, int port, String variable) {
    /** Returned by actions whose denial is a hidden value, not an exception (env reads). */
    public static final String HIDDEN = "hidden:";

    static Sandbox fromSystemProperties() {
        return new Sandbox(Path.of(System.getProperty("ag.sandbox", ".")),
                Integer.getInteger("ag.port", 9),
                System.getProperty("ag.variable", "AG_TEST_SECRET"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }
}
