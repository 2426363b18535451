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
 */
public record PolicyContext(String workdir, String home, String tmp, String javaHome, long pid,
                            String path, List<String> classPath, String guardJar) {

    public PolicyContext {
        classPath = List.copyOf(classPath);
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
                ProcessHandle.current().pid(),
                path == null ? "" : path,
                classPath,
                guardJar);
    }

    private static String stripTrailingSlash(String dir) {
        if (dir.length() > 1 && dir.endsWith("/")) {
            return dir.substring(0, dir.length() - 1);
        }
        return dir;
    }
}
