package dev.agentguard.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The guard takes relative paths from {@code user.dir} (java.io does too), but the kernel takes them from the
 * process's working directory. {@code -Duser.dir=elsewhere} makes the two differ, and then every relative path
 * is decided as one file and opened as another. So the guard refuses to start unless both are the same
 * directory (compared by device and inode: one may be reached through a link).
 */
final class WorkingDirectory {
    private WorkingDirectory() {}

    /** Why the JVM must not start with {@code userDir} as its {@code user.dir}, or null when it may. */
    static String refusal(String userDir) {
        String fix = "start the JVM from that directory instead of setting -Duser.dir";
        if (userDir == null || !userDir.startsWith("/")) {
            return "user.dir (" + userDir + ") is not an absolute path, so relative paths cannot be decided; " + fix;
        }
        Object real;
        Object claimed;
        try {
            // Not Path.of("."): NIO itself resolves relative paths against user.dir when the two differ.
            real = Files.readAttributes(Path.of("/proc/self/cwd"), BasicFileAttributes.class).fileKey();
            claimed = Files.readAttributes(Path.of(userDir), BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return "cannot compare user.dir (" + userDir + ") with the process's working directory (" + e
                    + "), so relative paths cannot be decided; " + fix;
        }
        if (real == null || !real.equals(claimed)) {
            return "user.dir (" + userDir + ") is not the process's working directory, where the kernel takes"
                    + " relative paths from, so they would be decided as other files; " + fix;
        }
        return null;
    }
}
