package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds the file that a process start would really run, the way the JDK on Linux finds it.
 *
 * <p>A policy grants a <em>file</em>, not a name: {@code git} in the policy means the {@code git} found
 * on {@code PATH} when the policy loaded, and a start is granted only if the child would run that same
 * file. Getting this wrong in either direction is a hole, so this mirrors {@code childproc.c}
 * ({@code JDK_execvpe}) and {@code ProcessImpl_md.c} ({@code effectivePathv}):
 * <ul>
 *   <li>a name without {@code /} is searched on the <em>JVM's</em> {@code PATH} as it was when
 *       {@code ProcessImpl} initialised ({@code parentPathv}), never the {@code PATH} the application
 *       puts in the child's environment; an unset {@code PATH} means {@code :/bin:/usr/bin};
 *       an empty entry means {@code .};</li>
 *   <li>the search and any name with {@code /} are evaluated <em>after</em> the child changed to its
 *       working directory, so relative names and relative {@code PATH} entries are taken against
 *       {@code ProcessBuilder.directory()} (else the JVM's {@code user.dir});</li>
 *   <li>the search skips entries where {@code execve} fails with {@code EACCES}/{@code ENOENT}
 *       (missing, a directory, not executable) and stops at the first executable regular file.</li>
 * </ul>
 * The answer is the real path (symbolic links resolved), so {@code /bin/true} and
 * {@code /usr/bin/true} compare equal where {@code /bin} links to {@code usr/bin}.
 */
public final class ProgramResolver {
    /** What {@code ProcessImpl_md.c} uses when the JVM has no {@code PATH}. */
    public static final String DEFAULT_PATH = ":/bin:/usr/bin";

    private ProgramResolver() {
    }

    /**
     * The real path of the program that {@code ProcessBuilder.start} would run, or null if it would
     * not find one (the start would then fail with "No such file or directory" anyway).
     *
     * @param argv0 the first element of the command, as the application gave it
     * @param jvmPath the JVM's own {@code PATH} ({@code System.getenv("PATH")}); null means unset
     * @param childDir the child's working directory ({@code ProcessBuilder.directory()}); null means
     *     {@code user.dir}; a relative one is taken against {@code user.dir}, as the OS would
     */
    public static String resolve(String argv0, String jvmPath, String childDir) {
        Found found = locate(argv0, jvmPath, childDir);
        return found == null ? null : found.real();
    }

    /**
     * A program found for a start: {@code path}, where the search found it (absolute, its last component not
     * followed), and {@code real}, its real path.
     */
    public record Found(String path, String real) {
    }

    /** {@link #resolve}, with where the search found the program; null when it finds none. */
    public static Found locate(String argv0, String jvmPath, String childDir) {
        if (argv0 == null || argv0.isEmpty() || argv0.indexOf('\0') >= 0) {
            return null;
        }
        try {
            if (argv0.charAt(0) == '/') {
                return found(Path.of(argv0)); // what resolving it against any folder gives
            }
            Path dir = workingDirectory(childDir);
            if (argv0.indexOf('/') >= 0) {
                return found(dir.resolve(argv0));
            }
            String path = jvmPath == null ? DEFAULT_PATH : jvmPath;
            for (String entry : path.split(":", -1)) {
                Found found = found(dir.resolve(entry.isEmpty() ? "." : entry).resolve(argv0));
                if (found != null) {
                    return found;
                }
            }
            return null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Found found(Path candidate) {
        String real = realExecutable(candidate);
        return real == null ? null : new Found(candidate.toString(), real);
    }

    /**
     * Compiles the first element of a {@code process.exec} or {@code process.deny} entry.
     *
     * <p>A bare name is searched on {@code jvmPath} now, using its absolute entries only: at load there
     * is no child directory, and a grant must not depend on whichever directory the policy happened to
     * be loaded from. (At start time a relative entry such as {@code .} is still searched, as the JDK
     * does; whatever it finds there is a different file, so it is not granted.) A name that is not
     * found is not an error: that entry never matches. An absolute path is resolved through its links
     * the same way. A value with glob characters ({@code * ? { \}) is a path glob matched against the
     * resolved program. A relative path with {@code /} is an error: it would mean a different file in
     * every working directory.
     *
     * @param jvmPath the JVM's own {@code PATH}; null means unset
     */
    public static ProgramPattern resolveForPolicy(String firstElement, String jvmPath) throws PatternException {
        if (firstElement == null || firstElement.isEmpty()) {
            throw new PatternException("the program (first element) cannot be empty");
        }
        if (firstElement.indexOf('\0') >= 0) {
            throw new PatternException("the program (first element) contains a NUL character");
        }
        String what = "program '" + firstElement + "'";
        if (hasGlobChars(firstElement)) {
            return ProgramPattern.glob(firstElement, ProgramGlob.compile(firstElement, what));
        }
        if (firstElement.startsWith("/")) {
            String real;
            try {
                real = realExecutable(Path.of(firstElement));
            } catch (InvalidPathException e) {
                real = null;
            }
            return ProgramPattern.file(firstElement, real, "not an executable file when the policy loaded");
        }
        if (firstElement.indexOf('/') >= 0) {
            throw new PatternException(what + " is a relative path; write a bare name (searched on PATH)"
                    + " or an absolute path");
        }
        String real = null;
        for (String entry : (jvmPath == null ? DEFAULT_PATH : jvmPath).split(":", -1)) {
            if (entry.startsWith("/")) {
                try {
                    real = realExecutable(Path.of(entry).resolve(firstElement));
                } catch (InvalidPathException e) {
                    real = null;
                }
                if (real != null) {
                    break;
                }
            }
        }
        return ProgramPattern.file(firstElement, real, "not found on PATH when the policy loaded");
    }

    static boolean hasGlobChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '{' || c == '}' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** What {@code execve} would accept: a regular file (after links) that we may execute. */
    static boolean isExecutableFile(Path p) {
        try {
            return Files.isRegularFile(p) && Files.isExecutable(p);
        } catch (SecurityException e) {
            return false;
        }
    }

    private static String realExecutable(Path p) {
        if (!isExecutableFile(p)) {
            return null;
        }
        try {
            return p.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static Path workingDirectory(String childDir) {
        Path userDir = Path.of(System.getProperty("user.dir"));
        return childDir == null ? userDir : userDir.resolve(childDir);
    }
}
