package dev.agentguard.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * JDK 17 only: keeps sockets on the implementations the network hooks cover. On 17,
 * {@code jdk.net.usePlainSocketImpl} and {@code jdk.net.usePlainDatagramSocketImpl} switch {@code Socket},
 * {@code ServerSocket} and {@code DatagramSocket} to {@code PlainSocketImpl} / {@code PlainDatagramSocketImpl},
 * whose natives bypass {@code sun.nio.ch} and therefore every network hook. The JDK reads each switch once,
 * in the static initializer of {@code java.net.SocketImpl} / {@code java.net.DatagramSocket}, from the
 * system property or else {@code ${java.home}/conf/net.properties}. So the guard refuses to start when
 * either is set (to anything but {@code false}), and initializes both classes now, before the application
 * runs, so that setting the property later changes nothing. JDK 18 removed both implementations.
 */
public final class LegacySocketImpls {
    private static final String[] SWITCHES = {"jdk.net.usePlainSocketImpl", "jdk.net.usePlainDatagramSocketImpl"};

    private LegacySocketImpls() {}

    /**
     * On JDK 17 freezes both switches off; call before the hooks go in.
     *
     * @throws HookInstallException when a switch is set: the hooks would not see the sockets
     */
    public static void freeze() throws HookInstallException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new HookInstallException(problems);
        }
    }

    private static List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (Runtime.version().feature() >= 18) {
            return problems;
        }
        Properties netProperties = netProperties();
        for (String name : SWITCHES) {
            String value = System.getProperty(name, netProperties.getProperty(name));
            if (value != null && !value.equalsIgnoreCase("false")) {
                problems.add(name + "=" + value + " switches sockets to the legacy implementation, which the"
                        + " network hooks do not cover; remove it (-D" + name + " or " + netPropertiesFile() + ")");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            Class.forName("java.net.SocketImpl", true, null);
            Class.forName("java.net.DatagramSocket", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add("cannot initialize the socket classes to fix their implementation: " + e);
        }
        return problems;
    }

    private static Path netPropertiesFile() {
        return Path.of(System.getProperty("java.home"), "conf", "net.properties");
    }

    /** The JDK's defaults file; absent or unreadable means no defaults, as for the JDK itself. */
    private static Properties netProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(netPropertiesFile())) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            // The JDK ignores the file then too, so the system property alone decides.
        }
        return properties;
    }
}
