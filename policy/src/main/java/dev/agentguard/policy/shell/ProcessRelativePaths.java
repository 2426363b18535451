package dev.agentguard.policy.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a path the shell will open leads through {@code /proc}. There {@code self}, {@code thread-self},
 * {@code cwd} and {@code fd} mean the process that opens the path, and {@code /dev/fd}, {@code /dev/stdin},
 * {@code /dev/stdout} and {@code /dev/stderr} are links into it: resolved in the JVM, where the guard
 * decides, they name the JVM's directory and descriptors, not the shell's ({@code cd /etc && sort <
 * /proc/self/cwd/shadow} would be decided as a file in the JVM's working directory). So such a path is not
 * decided at all. The walk follows symbolic links the way the kernel does, so a planted link to
 * {@code /proc/self/cwd} is caught too.
 */
final class ProcessRelativePaths {
    /** Symbolic links followed before giving up, as Linux does (ELOOP); giving up counts as through /proc. */
    private static final int MAX_LINKS = 40;

    private ProcessRelativePaths() {
    }

    /** @param absolute an absolute path, as written (not normalized: {@code ..} after a link is resolved after it) */
    static boolean throughProc(String absolute) {
        Deque<String> rest = new ArrayDeque<>();
        push(rest, absolute);
        Path current = Path.of("/");
        int links = 0;
        try {
            while (!rest.isEmpty()) {
                String part = rest.pop();
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    current = current.getParent() == null ? current : current.getParent();
                    continue;
                }
                Path next = current.resolve(part);
                if (next.startsWith("/proc")) {
                    return true;
                }
                if (Files.isSymbolicLink(next)) {
                    if (++links > MAX_LINKS) {
                        return true;
                    }
                    String target = Files.readSymbolicLink(next).toString();
                    push(rest, target);
                    if (target.startsWith("/")) {
                        current = Path.of("/");
                    }
                    continue;
                }
                current = next;
            }
            return false;
        } catch (IOException | InvalidPathException | SecurityException e) {
            return true;
        }
    }

    /** Pushes the parts of {@code path} so that its first part is popped first. */
    private static void push(Deque<String> rest, String path) {
        String[] parts = path.split("/");
        for (int k = parts.length - 1; k >= 0; k--) {
            rest.push(parts[k]);
        }
    }
}
