package dev.agentguard.policy.process;

import dev.agentguard.policy.Decision;
import java.util.List;

/**
 * The {@code process} section: decides whether a process start is granted.
 *
 * <p>A {@code process.deny} entry wins over every grant (and is matched loosely, see
 * {@link ArgvPattern#matchesForDeny}); otherwise a {@code process.exec} entry must match; otherwise
 * the start is denied as {@code default-deny}. The order of entries never matters for the outcome; the
 * rule named is the first matching one. Allowed decisions are built here once and returned as the same
 * instance, so the allowed path allocates nothing. Denial reasons are one line for the model or person
 * who reads them: the command and the program it would run; what is granted instead is
 * {@code Decision.granted()}, kept out of the reason (messages travel).
 */
public final class ProcessRules {
    /** How many grants a denial lists before "…". */
    static final int MAX_LISTED = 8;

    private final ArgvPattern[] exec;
    private final ArgvPattern[] deny;
    private final Decision[] allowed;

    private ProcessRules(ArgvPattern[] exec, ArgvPattern[] deny) {
        this.exec = exec;
        this.deny = deny;
        this.allowed = new Decision[exec.length];
        for (int i = 0; i < exec.length; i++) {
            allowed[i] = Decision.allow(execRule(i), "granted by " + execRule(i) + ": " + exec[i].text());
        }
    }

    /** Rules from compiled entries, in policy order ({@code process.exec[i]} is {@code exec.get(i)}). */
    public static ProcessRules of(List<ArgvPattern> exec, List<ArgvPattern> deny) {
        return new ProcessRules(exec.toArray(new ArgvPattern[0]), deny.toArray(new ArgvPattern[0]));
    }

    /** Rules that grant nothing: every start is denied. */
    public static ProcessRules none() {
        return of(List.of(), List.of());
    }

    public List<ArgvPattern> exec() {
        return List.of(exec);
    }

    public List<ArgvPattern> deny() {
        return List.of(deny);
    }

    static String execRule(int i) {
        return "process.exec[" + i + "]";
    }

    static String denyRule(int i) {
        return "process.deny[" + i + "]";
    }

    /**
     * Decides one process start.
     *
     * @param resolvedProgramOrNull what {@link ProgramResolver#resolve} found for {@code argv[0]}, or null
     * @param argv the command as the application gave it
     */
    public Decision decide(String resolvedProgramOrNull, String[] argv) {
        if (argv == null || argv.length == 0) {
            return Decision.deny("default-deny", "empty command", granted());
        }
        for (int i = 0; i < deny.length; i++) {
            if (deny[i].matchesForDeny(resolvedProgramOrNull, argv)) {
                return Decision.deny(denyRule(i), "'" + CommandText.of(argv) + "'" + program(resolvedProgramOrNull)
                        + " is denied by " + denyRule(i) + ": " + deny[i].text());
            }
        }
        for (int i = 0; i < exec.length; i++) {
            if (exec[i].matches(resolvedProgramOrNull, argv)) {
                return allowed[i];
            }
        }
        return Decision.deny("default-deny", "no process.exec rule grants '" + CommandText.of(argv) + "'"
                + whatRuns(resolvedProgramOrNull, argv[0]), granted());
    }

    private static String program(String resolved) {
        return resolved == null ? "" : " (" + resolved + ")";
    }

    /** The program the start would run, and why it is not a granted one when it looks like one. */
    private String whatRuns(String resolved, String argv0) {
        if (resolved == null) {
            String name = argv0 == null ? "null" : CommandText.quote(argv0);
            return argv0 != null && argv0.indexOf('/') < 0
                    ? " (" + name + " not found on PATH)" : " (" + name + " is not an executable file)";
        }
        for (ArgvPattern p : exec) {
            ProgramPattern prog = p.program();
            if (resolved.equals(prog.resolved()) && !prog.nameIs(argv0)) {
                return " (" + resolved + ", started as " + CommandText.quote(argv0) + "; process.exec grants that"
                        + " file only under the name " + prog.name() + ")";
            }
        }
        for (ArgvPattern p : exec) {
            ProgramPattern prog = p.program();
            String granted = prog.resolved();
            if (granted != null && !granted.equals(resolved)
                    && (prog.sameBareName(argv0) || prog.sameBareName(resolved))) {
                return " (" + resolved + ", not the granted " + prog.written() + " at " + granted + ")";
            }
        }
        return " (" + resolved + ")";
    }

    /** {@code granted: git status, git diff **, …} */
    private String granted() {
        if (exec.length == 0) {
            return "no process is granted (process.exec is empty)";
        }
        StringBuilder sb = new StringBuilder("granted: ");
        int shown = Math.min(exec.length, MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(exec[i].describe());
        }
        if (exec.length > shown) {
            sb.append(", … (").append(exec.length - shown).append(" more)");
        }
        return sb.toString();
    }
}
