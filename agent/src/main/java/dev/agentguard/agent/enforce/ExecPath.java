package dev.agentguard.agent.enforce;

import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.process.ProgramResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What the JDK is to execute for a start that was decided: the program the guard resolved, not the name the
 * application gave. Given the name, the JDK would search {@code PATH} and follow links again, in the child,
 * after the check; a folder swapped in between (two renames) would then run another program under the
 * granted name.
 *
 * <p>The child's {@code argv[0]} is this path too (the JDK passes the program as {@code argv[0]}). Multi-call
 * programs (busybox, and coreutils built that way) choose what to be by its last name, and the real path of
 * {@code /bin/sh} may be {@code /bin/busybox}. So when the program was found through a link (its last
 * component) that leads straight to the program (its target, taken from the link's real folder, is the
 * program's real path: no other link on the way), and the policy grants no write to the link, the program,
 * or any folder above either, the link's own path is executed: the application cannot change anything the
 * kernel passes on the way, and the link keeps the program's name. Anywhere else the fully real path is
 * executed.
 */
final class ExecPath {
    private ExecPath() {}

    /** The path to execute for {@code found} (never null; the real path when in doubt). */
    static String of(ProgramResolver.Found found, FileRules files) {
        if (found.path().equals(found.real())) {
            // Found at its own real path: no link on the way, so no lstat (the answer would be the real path).
            return found.real();
        }
        Path at = Path.of(found.path());
        if (!Files.isSymbolicLink(at) || at.getParent() == null) {
            return found.real();
        }
        String link;
        try {
            Path folder = at.getParent().toRealPath();
            link = folder.resolve(at.getFileName()).toString();
            // One hop, to the decided program itself: the kernel then passes no link the application could
            // change on the way.
            String target = folder.resolve(Files.readSymbolicLink(Path.of(link))).normalize().toString();
            if (!target.equals(found.real())) {
                return found.real();
            }
        } catch (IOException | InvalidPathException | SecurityException e) {
            return found.real();
        }
        return writable(link, files) || writable(found.real(), files) ? found.real() : link;
    }

    /** Whether the policy lets the application write {@code path} or any folder above it (so swap them). */
    private static boolean writable(String path, FileRules files) {
        for (String p = path; p.length() > 1; p = p.substring(0, Math.max(1, p.lastIndexOf('/')))) {
            if (files.decide(FileAccess.WRITE, p, p).allowed()) {
                return true;
            }
        }
        return false;
    }
}
