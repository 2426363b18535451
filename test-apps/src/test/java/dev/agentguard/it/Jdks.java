package dev.agentguard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs every child-JVM test runs on: 17 and 25, found under /usr/lib/jvm (or AGENTGUARD_JDKS, a
 * colon-separated list of java homes). A missing JDK fails the test; it is never silently skipped.
 */
public final class Jdks {
    public static final int[] REQUIRED = {17, 25};

    private Jdks() {}

    /** The java executable of a JDK of the given feature version. */
    public static Path java(int feature) {
        for (Path home : candidates()) {
            Path java = home.resolve("bin/java");
            if (Files.isExecutable(java) && feature(home) == feature) {
                return java;
            }
        }
        throw new IllegalStateException("no JDK " + feature + " found under /usr/lib/jvm or AGENTGUARD_JDKS;"
                + " the suite must run on JDK 17 and 25");
    }

    public static List<Integer> required() {
        List<Integer> out = new ArrayList<>();
        for (int f : REQUIRED) {
            out.add(f);
        }
        return out;
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("AGENTGUARD_JDKS");
        if (env != null) {
            for (String h : env.split(":")) {
                if (!h.isBlank()) {
                    homes.add(Path.of(h));
                }
            }
        }
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            dirs.sorted().forEach(homes::add);
        } catch (IOException e) {
            // No /usr/lib/jvm: only AGENTGUARD_JDKS.
        }
        return homes;
    }

    private static int feature(Path home) {
        Path release = home.resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    int dot = v.indexOf('.');
                    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
