package dev.agentguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;

/** The guard's version (from the build) and the path of guard.jar itself. */
public final class GuardVersion {
    private GuardVersion() {}

    public static String version() {
        try (InputStream in = GuardVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The jar this class was loaded from, or null when it runs from a classes folder. */
    public static String jarPath() {
        CodeSource source = GuardVersion.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return path.toString().endsWith(".jar") ? path.toAbsolutePath().toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
