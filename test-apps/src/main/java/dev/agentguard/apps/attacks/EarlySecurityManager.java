package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;

/**
 * A security manager named by {@code -Djava.security.manager=CLASS} (JDK 17): the JVM makes it before any
 * {@code -javaagent} runs, so its constructor is application code that runs before the guard. It writes the
 * file named by the system property {@code escape.marker}, and then permits everything.
 */
@SuppressWarnings("removal")
public final class EarlySecurityManager extends SecurityManager {
    public EarlySecurityManager() throws Exception {
        String marker = System.getProperty("escape.marker");
        if (marker != null) {
            Files.writeString(Path.of(marker), "written before the guard");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // Everything is allowed: this class is only here to run code early.
    }
}
