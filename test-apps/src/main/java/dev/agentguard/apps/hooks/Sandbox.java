package dev.agentguard.apps.hooks;

import java.nio.file.Path;

/**
 * Where the actions act, set by the parent test: a sandbox folder, a loopback port that a listener of the
 * test accepts on, and the name of a planted environment variable.
 */
public record Sandbox(Path dir, int port, String variable) {
    /** Returned by actions whose denial is a hidden value, not an exception (env reads). */
    public static final String HIDDEN = "hidden:";
    /** Returned by a query whose answer was "not there" although its target exists (a denied query). */
    public static final String ABSENT = "absent:";

    /** The detail of a query whose target exists: {@code what}, or {@link #ABSENT} when it was answered "no". */
    public static String present(boolean answer, String what) {
        return answer ? what : ABSENT + " not " + what;
    }

    static Sandbox fromSystemProperties() {
        return new Sandbox(Path.of(System.getProperty("ag.sandbox", ".")),
                Integer.getInteger("ag.port", 9),
                System.getProperty("ag.variable", "AG_TEST_SECRET"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }
}
