package dev.agentguard.agent.install;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code -javaagent} jars of the java command line, as the kernel keeps it ({@code /proc/self/cmdline}), in
 * their order, which is the order the JVM appends them to the application class path. {@link BootClassPath}
 * uses them to find the agent jar without asking the application loader for every copy of a class file, which
 * opens every jar of the class path (a few hundred ms for 150 jars).
 *
 * <p>Only the launcher's options are read: the scan stops at the main class, {@code -jar} or {@code -m}, so an
 * application argument that looks like an option is never taken for one; an option it does not know that takes
 * a separate value ends the scan early, as if its value were the main class. Agents given elsewhere (the
 * {@code JDK_JAVA_OPTIONS} and {@code JAVA_TOOL_OPTIONS} variables, whose agents the JVM appends before the
 * command line's; an {@code @argfile}) are not listed; {@code _JAVA_OPTIONS}, whose agents come after the command
 * line's, makes the list unknown (null), and so does anything unreadable: the caller then asks the loader.
 */
final class CommandLineAgents {
    /** The launcher's options whose value is the next argument. */
    private static final Set<String> TAKE_A_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
            "--add-exports", "--add-opens", "--patch-module", "--enable-native-access", "--source", "-d",
            "--describe-module");
    private static final String AGENT = "-javaagent:";

    private CommandLineAgents() {}

    /** The command line's agent jars (absolute), in order; null when they cannot be told for certain. */
    static List<Path> jars() {
        String late = System.getenv("_JAVA_OPTIONS");
        if (late != null && late.contains(AGENT)) {
            return null;
        }
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return null;
        }
        return parse(cmdline, charset);
    }

    /** The agent jars of a command line given as the kernel keeps it: arguments each ended by a NUL. */
    static List<Path> parse(byte[] cmdline, Charset charset) {
        List<Path> jars = new ArrayList<>();
        int start = 0;
        boolean first = true;
        boolean valueNext = false;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] != 0) {
                continue;
            }
            String arg = new String(cmdline, start, i - start, charset);
            start = i + 1;
            if (first) {
                first = false; // the launcher's own name
                continue;
            }
            if (valueNext) {
                valueNext = false;
                continue;
            }
            if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module") || arg.startsWith("--module=")
                    || !arg.startsWith("-")) {
                break; // the main class, jar or module: what follows is the application's
            }
            if (TAKE_A_VALUE.contains(arg)) {
                valueNext = true;
            } else if (arg.startsWith(AGENT)) {
                String value = arg.substring(AGENT.length());
                int options = value.indexOf('=');
                try {
                    jars.add(Path.of(options < 0 ? value : value.substring(0, options)).toAbsolutePath());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return jars;
    }
}
