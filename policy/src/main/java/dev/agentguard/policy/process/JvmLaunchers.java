package dev.agentguard.policy.process;

import java.io.File;

/**
 * Which programs are JVMs: a program is one when its real path is {@code HOME/bin/NAME} of a Java runtime
 * image, that is when {@code HOME/lib/modules} exists ({@code java}, and the JDK's other launchers such as
 * {@code jshell} or {@code javac}). The agent gives such a child the guard; a decomposed shell script,
 * which the guard cannot give it, refuses one whose rule asks for the guard.
 */
public final class JvmLaunchers {
    private JvmLaunchers() {
    }

    /** {@code java}, {@code jshell}, ... of a Java runtime image, by the program's real path; else null. */
    public static String launcherName(String realProgram) {
        if (realProgram == null) {
            return null;
        }
        if (plainAbsolute(realProgram)) {
            // A real path as the resolver makes it: the same answer as below without three File objects and
            // their normalizing, which a process start runs interpreted in a JVM's first seconds.
            int slash = realProgram.lastIndexOf('/');
            if (slash < 4 || !realProgram.startsWith("/bin", slash - 4)) {
                return null;
            }
            String home = slash == 4 ? "/" : realProgram.substring(0, slash - 4);
            return new File(home, "lib/modules").isFile() ? realProgram.substring(slash + 1) : null;
        }
        File program = new File(realProgram);
        File bin = program.getParentFile();
        if (bin == null || !bin.getName().equals("bin") || bin.getParentFile() == null) {
            return null;
        }
        return new File(bin.getParentFile(), "lib/modules").isFile() ? program.getName() : null;
    }

    /** Absolute, with no empty component and no trailing slash: what {@code new File} would leave as it is. */
    private static boolean plainAbsolute(String path) {
        return path.length() > 1 && path.charAt(0) == '/' && path.charAt(path.length() - 1) != '/'
                && path.indexOf("//") < 0;
    }
}
