package dev.agentguard.policy.shell;

import java.util.Set;

/**
 * Which {@code NAME=value} assignments a decomposed script may make, before a command ({@code X=1 cmd},
 * into that command's environment) or alone ({@code X=1}, into the shell's own variables).
 *
 * <p>Kept to ONE method on purpose: the child-environment rules are being redesigned (a pass list,
 * per-rule grants, and "interpreter variables" such as {@code BASH_ENV}, {@code GIT_*_COMMAND},
 * {@code PAGER} or {@code LD_PRELOAD} that are refused unless an exec rule names them), and this is the
 * place to ask them instead. Until then only names that cannot make a program run other code, load
 * other code, or find other programs are permitted.
 */
public final class PrefixAssignments {
    /** Locale, time zone, terminal and colour settings: they change output, not what runs. */
    private static final Set<String> HARMLESS = Set.of("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_COLLATE",
            "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LC_MONETARY", "TZ", "TERM", "NO_COLOR", "CLICOLOR",
            "CLICOLOR_FORCE", "FORCE_COLOR", "COLUMNS", "LINES");

    private PrefixAssignments() {
    }

    /**
     * Whether assigning {@code name} (to any literal value) is permitted.
     *
     * @param program the real path of the program the assignment is made for; null for an assignment
     *     alone, which changes the shell's own variables
     */
    public static boolean permitted(String name, String program) {
        return HARMLESS.contains(name);
    }
}
