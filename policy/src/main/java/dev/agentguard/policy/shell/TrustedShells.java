package dev.agentguard.policy.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shell programs whose {@code -c} scripts are decomposed: the real files that {@code sh}, {@code dash}
 * and {@code bash} name in {@code /bin}, {@code /usr/bin} and the absolute entries of the JVM's
 * {@code PATH} when the policy loaded, and only when that real file is itself called sh, dash or bash.
 * A start is decomposed only when the program it would run is one of these files, so a program that
 * merely calls itself {@code sh} (written by the application into a temporary directory) never is.
 * zsh is not among them: its expansions differ from the POSIX grammar the guard parses.
 */
public final class TrustedShells {
    private static final List<String> NAMES = List.of("sh", "dash", "bash");

    private final Set<String> realPaths;

    private TrustedShells(Set<String> realPaths) {
        this.realPaths = realPaths;
    }

    /** No shell: decomposition is off. */
    public static TrustedShells none() {
        return new TrustedShells(Set.of());
    }

    /** The shells found now, as described above. */
    public static TrustedShells find(String jvmPath) {
        List<String> dirs = new ArrayList<>(List.of("/bin", "/usr/bin"));
        if (jvmPath != null) {
            for (String entry : jvmPath.split(":", -1)) {
                if (entry.startsWith("/")) {
                    dirs.add(entry);
                }
            }
        }
        Set<String> found = new LinkedHashSet<>();
        for (String dir : dirs) {
            for (String name : NAMES) {
                String real = realShell(dir, name);
                if (real != null) {
                    found.add(real);
                }
            }
        }
        return new TrustedShells(Set.copyOf(found));
    }

    private static String realShell(String dir, String name) {
        try {
            Path p = Path.of(dir, name);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                return null;
            }
            String real = p.toRealPath().toString();
            return NAMES.contains(Commands.fileName(real)) ? real : null;
        } catch (IOException | InvalidPathException | SecurityException e) {
            return null;
        }
    }

    public boolean contains(String realPath) {
        return realPath != null && realPaths.contains(realPath);
    }

    public boolean isEmpty() {
        return realPaths.isEmpty();
    }

    /** The real paths, for {@code check}. */
    public Set<String> paths() {
        return realPaths;
    }
}
