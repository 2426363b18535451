package dev.agentguard.policy.process;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.env.EnvNamePattern;
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
    private final Lifecycle lifecycle;

    /**
     * What happens to children once started, and which variables the application may set for any child.
     *
     * @param timeoutMillis {@code process.timeout}: 0 means no limit
     * @param keepOnExit    {@code process.on_exit: keep}: children outlive the JVM
     * @param pass          {@code process.env.pass}: names or globs the application may set for any child
     *                      (never an {@linkplain InterpreterVariables interpreter variable})
     */
    public record Lifecycle(long timeoutMillis, boolean keepOnExit, List<EnvNamePattern> pass) {
        public static final Lifecycle DEFAULT = new Lifecycle(0, false, List.of());

        public Lifecycle {
            pass = List.copyOf(pass);
        }
    }

    private ProcessRules(ArgvPattern[] exec, ArgvPattern[] deny, Lifecycle lifecycle) {
        this.exec = exec;
        this.deny = deny;
        this.lifecycle = lifecycle;
        this.allowed = new Decision[exec.length];
        for (int i = 0; i < exec.length; i++) {
            allowed[i] = Decision.allow(execRule(i), "granted by " + execRule(i) + ": " + exec[i].text());
        }
    }

    /** Rules from compiled entries, in policy order ({@code process.exec[i]} is {@code exec.get(i)}). */
    public static ProcessRules of(List<ArgvPattern> exec, List<ArgvPattern> deny) {
        return of(exec, deny, Lifecycle.DEFAULT);
    }

    public static ProcessRules of(List<ArgvPattern> exec, List<ArgvPattern> deny, Lifecycle lifecycle) {
        return new ProcessRules(exec.toArray(new ArgvPattern[0]), deny.toArray(new ArgvPattern[0]), lifecycle);
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * The options of the exec rule that allowed a start: {@code allowed} must be what {@link #decide}
     * returned (allowed decisions are one instance per rule). {@link ExecOptions#PLAIN} for anything else.
     */
    public ExecOptions options(Decision allowed) {
        for (int i = 0; i < exec.length; i++) {
            if (this.allowed[i] == allowed) {
                return exec[i].options();
            }
        }
        return ExecOptions.PLAIN;
    }

    /** The time limit of a child started under {@code allowed}: its rule's, else process.timeout; 0 none. */
    public long timeoutMillis(Decision allowed) {
        long own = options(allowed).timeoutMillis();
        return own > 0 ? own : lifecycle.timeoutMillis();
    }

    /**
     * Whether the application may hand a child started under {@code allowed} the variable {@code name},
     * which it set itself (it was not inherited unchanged from the JVM). An interpreter variable needs the
     * exec rule to name it exactly; any other variable needs that rule's {@code env} or
     * {@code process.env.pass}.
     */
    public Decision decideVariable(Decision allowed, String name, String command) {
        ExecOptions options = options(allowed);
        if (options.passes(name)) {
            return Decision.allow(allowed.rule(), "the variable " + name + " is granted by " + allowed.rule() + ".env");
        }
        if (InterpreterVariables.contains(name)) {
            return Decision.deny("process.env", "the application sets " + name + " for '" + command + "', and "
                    + InterpreterVariables.why(name) + (allowed.allowed()
                            ? "; name " + name + " in the env: list of the exec rule that grants this command ("
                                    + allowed.rule() + ") to pass it"
                            : "; only an exec rule that grants this very command can pass it, by naming " + name
                                    + " in its env: list"));
        }
        for (EnvNamePattern p : lifecycle.pass()) {
            if (p.matches(name)) {
                return Decision.allow("process.env.pass", "the variable " + name + " is granted by process.env.pass");
            }
        }
        return Decision.deny("process.env", "the application sets " + name + " for '" + command + "', and no"
                + " policy entry lets it pass a variable it set itself to a child; add " + name
                + " to process.env.pass" + (allowed.allowed() ? ", or to the env: list of " + allowed.rule() : ""));
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
        String hint = grantedLookAlike(resolvedProgramOrNull, argv[0]);
        return Decision.deny("default-deny", "no process.exec rule grants '" + CommandText.of(argv) + "'"
                + whatRuns(resolvedProgramOrNull, argv[0]), hint == null ? granted() : hint + "; " + granted());
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
                return " (" + resolved + ", started as " + CommandText.quote(argv0) + ")";
            }
        }
        return " (" + resolved + ")";
    }

    /**
     * Why a program that looks like a granted one is not it: names the granted program, so it is part of
     * what is granted ({@code Decision.granted()}), not of the reason every message carries.
     */
    private String grantedLookAlike(String resolved, String argv0) {
        if (resolved == null) {
            return null;
        }
        for (ArgvPattern p : exec) {
            ProgramPattern prog = p.program();
            if (resolved.equals(prog.resolved()) && !prog.nameIs(argv0)) {
                return "process.exec grants that file only under the name " + prog.name();
            }
        }
        for (ArgvPattern p : exec) {
            ProgramPattern prog = p.program();
            String granted = prog.resolved();
            if (granted != null && !granted.equals(resolved)
                    && (prog.sameBareName(argv0) || prog.sameBareName(resolved))) {
                return "not the granted " + prog.written() + " at " + granted;
            }
        }
        return null;
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
