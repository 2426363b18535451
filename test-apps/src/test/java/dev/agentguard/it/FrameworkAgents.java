package dev.agentguard.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The class path of the framework agents (module frameworks): its classes and their libraries. */
final class FrameworkAgents {
    private FrameworkAgents() {}

    static String classPath() {
        Path classes = Path.of(System.getProperty("agentguard.frameworks", "../frameworks/target/classes"));
        Path file = Path.of(System.getProperty("agentguard.frameworksClasspath",
                "../frameworks/target/runtime-classpath.txt"));
        try {
            String libraries = Files.readString(file, StandardCharsets.UTF_8).trim();
            return classes.toAbsolutePath().normalize() + (libraries.isEmpty() ? "" : File.pathSeparator + libraries);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (written by the build of frameworks): " + e, e);
        }
    }
}
