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
 * component) in a folder where the policy grants no write, neither to the link nor to any folder above it,
 * the link's own path is executed: the application cannot change the link or swap a folder above it, and
 * the link keeps the program's name. Anywhere else the fully real path is executed.
 */
final class ExecPath {
    private ExecPath() {}

    /** The path to execute for {@code found} (never null; the real path when in doubt). */
    static String of(ProgramResolver.Found found, FileRules files) {
        Path at = Path.of(found.path());
        if (!Files.isSymbolicLink(at) || at.getParent() == null) {
            return found.real();
        }
        String link;
        try {
            link = at.getParent().toRealPath().resolve(at.getFileName()).toString();
            // The link must still lead to the program that was decided.
            if (!Path.of(link).toRealPath().toString().equals(found.real())) {
                return found.real();
            }
        } catch (IOException | InvalidPathException | SecurityException e) {
            return found.real();
        }
        for (String p = link; p.length() > 1; p = p.substring(0, Math.max(1, p.lastIndexOf('/')))) {
            if (files.decide(FileAccess.WRITE, p, p).allowed()) {
                return found.real();
            }
        }
        return link;
    }
}
