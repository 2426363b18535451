package dev.agentguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
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

    /**
     * The jar this class was loaded from, or null when it runs from a classes folder. Read from where its
     * class file is found, not from its code source: under the agent, guard.jar is on the boot class path
     * and the boot loader gives its classes no code source.
     */
    public static String jarPath() {
        URL url = GuardVersion.class.getResource("GuardVersion.class");
        if (url == null) {
            return null;
        }
        String spec = url.toString();
        int bang = spec.indexOf("!/");
        if (!spec.startsWith("jar:file:") || bang < 0) {
            return null;
        }
        try {
            Path path = Path.of(new URI(spec.substring("jar:".length(), bang)));
            return path.toString().endsWith(".jar") ? path.toAbsolutePath().toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
