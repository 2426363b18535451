package dev.agentguard.policy;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * What a policy is compiled against: the JVM's directories, {@code PATH} and class path. The agent
 * builds it from the running JVM; tests pass their own.
 *
 * @param workdir    {@code user.dir} at start, {@code ${workdir}}
 * @param home       {@code user.home}, {@code ${home}}
 * @param tmp        {@code java.io.tmpdir}, {@code ${tmp}}
 * @param javaHome   {@code java.home}, {@code ${java.home}}
 * @param pid        this process, {@code ${pid}}
 * @param path       the JVM's own {@code PATH}, where bare program names are looked up
 * @param classPath  entries of {@code java.class.path}, granted for reading by the baseline
 * @param guardJar   guard.jar itself, or null when not running from it
 * @param cwd        the directory relative paths are taken from ({@code user.dir}); the same as
 *                   {@code workdir} unless a guarded parent JVM pinned {@code ${workdir}} to its own
 */
public record PolicyContext(String workdir, String home, String tmp, String javaHome, long pid,
                            String path, List<String> classPath, String guardJar, String cwd) {

    public PolicyContext {
        classPath = List.copyOf(classPath);
    }

    public PolicyContext(String workdir, String home, String tmp, String javaHome, long pid,
                         String path, List<String> classPath, String guardJar) {
        this(workdir, home, tmp, javaHome, pid, path, classPath, guardJar, workdir);
    }

    /**
     * This context with {@code ${workdir}} standing for {@code workdir}: a JVM started by a guarded JVM
     * takes its parent's, so that starting a child JVM in another directory does not move the grants.
     * Relative paths are still taken from this JVM's own directory ({@link #cwd}).
     */
    public PolicyContext withWorkdir(String workdir) {
        return new PolicyContext(stripTrailingSlash(workdir), home, tmp, javaHome, pid, path, classPath, guardJar, cwd);
    }

    /** The context of the JVM this code runs in. */
    public static PolicyContext ofThisJvm(String guardJar) {
        List<String> classPath = new ArrayList<>();
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(new File(entry).getAbsolutePath());
            }
        }
        String path = System.getenv("PATH");
        return new PolicyContext(
                stripTrailingSlash(System.getProperty("user.dir")),
                stripTrailingSlash(System.getProperty("user.home")),
                stripTrailingSlash(System.getProperty("java.io.tmpdir")),
                stripTrailingSlash(System.getProperty("java.home")),
                ownPid(),
                path == null ? "" : path,
                classPath,
                guardJar);
    }

    /**
     * This process's id as {@code /proc} names it (the link {@code /proc/self}), else {@code ProcessHandle}'s:
     * {@code ProcessHandle.current()} initializes the JDK's process machinery (its reaper's executor, spun
     * lambdas), which cost tens of milliseconds of every guarded start that starts no process.
     */
    static long ownPid() {
        try {
            return Long.parseLong(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self")).toString());
        } catch (java.io.IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    private static String stripTrailingSlash(String dir) {
        if (dir.length() > 1 && dir.endsWith("/")) {
            return dir.substring(0, dir.length() - 1);
        }
        return dir;
    }
}
