package dev.agentguard.apps.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine: processors, CPU model and load average, read from /proc. */
final class Machine {
    private Machine() {}

    static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown (no 'model name' in /proc/cpuinfo)";
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg writes them. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** The JDK's version string from its {@code release} file, e.g. {@code 17.0.19+10-1-deb12u2-Debian}. */
    static String jdkVersion(Path home) throws IOException {
        String implementor = "";
        String version = "unknown";
        for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
            if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                version = unquote(line.substring("JAVA_RUNTIME_VERSION=".length()));
            } else if (line.startsWith("IMPLEMENTOR=")) {
                implementor = unquote(line.substring("IMPLEMENTOR=".length()));
            }
        }
        return version + (implementor.isEmpty() ? "" : " (" + implementor + ")");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
