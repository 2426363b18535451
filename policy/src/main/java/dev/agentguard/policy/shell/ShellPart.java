package dev.agentguard.policy.shell;

import dev.agentguard.policy.Decision;
import java.util.List;

/**
 * One decided part of a script: a simple command or a redirection, with the directory it would run in
 * when a {@code cd} before it changed that, and the decision.
 *
 * @param text the part as written in the script, on one line
 * @param start 0-based index of the part in its script
 * @param directory the directory the part runs in when it is not the start directory, else null
 * @param nesting 0 for the script itself, 1 for a script of a nested {@code sh -c}, and so on
 * @param argv the program start this part is, as the shell would make it; null for a redirection, a
 *     builtin, an assignment, or a part refused before its arguments were known
 */
public record ShellPart(String text, int start, String directory, int nesting, List<String> argv,
                        Decision decision) {
    /** {@code allow process.exec[0]: git status} (with the directory and nesting when they apply). */
    public String describe() {
        return (decision.allowed() ? "allow " : "deny ") + decision.rule() + ": " + "  ".repeat(nesting) + text
                + (directory == null ? "" : " (in " + directory + ")")
                + (decision.allowed() ? "" : " — " + decision.reason());
    }
}
