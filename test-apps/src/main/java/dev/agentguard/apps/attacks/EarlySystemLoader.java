package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A system class loader named by {@code -Djava.system.class.loader}: the JVM makes it before any
 * {@code -javaagent} runs, so its constructor is application code that runs before the guard. It writes the
 * file named by the system property {@code escape.marker} (outside every grant of the test's policy).
 */
public final class EarlySystemLoader extends ClassLoader {
    public EarlySystemLoader(ClassLoader parent) throws Exception {
        super(parent);
        String marker = System.getProperty("escape.marker");
        if (marker != null) {
            Files.writeString(Path.of(marker), "written before the guard");
        }
    }
}
