package dev.agentguard.policy.shell;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.process.JvmLaunchers;
import dev.agentguard.policy.process.ProcessRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides process starts with {@code process.shell: decompose}: a start that no {@code process.exec}
 * rule grants, of a trusted shell ({@link TrustedShells}) as {@code SHELL -c SCRIPT [NAME [ARGS…]]}, is
 * allowed when every part of the script is: each simple command against {@code process.exec} /
 * {@code process.deny} (so a nested {@code sh -c} is decomposed again), each redirection against
 * {@code files}. Anything the guard cannot decide before the script runs denies the whole start
 * (rule {@value #RULE}), naming the construct and its position.
 *
 * <p>A start that a rule decides (granted by {@code process.exec}, or denied by {@code process.deny})
 * keeps that decision: decomposition only replaces {@code default-deny}.
 */
public final class ShellStarts {
    /** The rule named by decisions that decomposition made, and by refusals of what it cannot decide. */
    public static final String RULE = "process.shell";
    /** How deep {@code sh -c "sh -c '…'"} may nest. */
    static final int MAX_NESTING = 3;

    private final ProcessRules processes;
    private final FileRules files;
    private final TrustedShells shells;

    public ShellStarts(ProcessRules processes, FileRules files, TrustedShells shells) {
        this.processes = processes;
        this.files = files;
        this.shells = shells;
    }

    public boolean enabled() {
        return !shells.isEmpty();
    }

    public TrustedShells shells() {
        return shells;
    }

    /**
     * Whether a start that {@code processDecision} denied is a shell script to decompose. Allocates nothing;
     * called only after a denial, so the allowed path never reaches it.
     */
    public boolean applies(Decision processDecision, String resolvedProgram, String[] argv) {
        return !processDecision.allowed() && "default-deny".equals(processDecision.rule())
                && shells.contains(resolvedProgram) && argv.length >= 3 && "-c".equals(argv[1])
                && argv[0] != null && !argv[0].startsWith("-") && argv[2] != null;
    }

    /**
     * The decision on a start, decomposing it when {@link #applies}.
     *
     * @param dir the child's working directory, absolute
     * @param env the environment the child starts with
     */
    public ShellVerdict decide(String resolvedProgram, String[] argv, String dir, ShellEnvironment env) {
        return decide(resolvedProgram, argv, dir, env, 0);
    }

    ShellVerdict decide(String resolvedProgram, String[] argv, String dir, ShellEnvironment env, int nesting) {
        Decision d = processes.decide(resolvedProgram, argv);
        if (!applies(d, resolvedProgram, argv)) {
            return ShellVerdict.of(d);
        }
        return decompose(argv, dir, env, nesting);
    }

    /**
     * Whether {@code allowed}, the decision on a start of {@code resolvedProgram}, would give that program
     * the guard: a JVM whose exec rule does not say {@code guard: false}. Started by a shell it would run
     * without it, so a script may not start it.
     */
    boolean guardedJvm(String resolvedProgram, Decision allowed) {
        return JvmLaunchers.launcherName(resolvedProgram) != null && processes.options(allowed).guardChildJvm();
    }

    /** Decides the script of a start for which {@link #applies} is true. */
    public ShellVerdict decompose(String[] argv, String dir, ShellEnvironment env) {
        return decompose(argv, dir, env, 0);
    }

    private ShellVerdict decompose(String[] argv, String dir, ShellEnvironment env, int nesting) {
        String script = argv[2];
        String shell = Commands.fileName(argv[0]);
        List<ShellPart> parts;
        try {
            if (nesting > MAX_NESTING) {
                throw new UndecidableScript("shells nested more than " + MAX_NESTING + " deep", -1);
            }
            if (script.startsWith("-") || script.startsWith("+")) {
                // sh and bash go on reading options after -c: this would be an option, and a later argument the script.
                throw new UndecidableScript("a script that starts with '" + script.charAt(0) + "' (the shell would read it"
                        + " as an option)", 0);
            }
            env.check();
            parts = new ScriptDecider(script, dir, env, this, files, nesting).decide(Parser.parse(script));
        } catch (UndecidableScript e) {
            return ShellVerdict.of(Decision.deny(RULE, shell + " -c script not decided: " + e.getMessage()
                    + "; only scripts whose every part is decided run (process.shell: decompose); to allow this"
                    + " start, grant it in process.exec"));
        }
        for (ShellPart part : parts) {
            if (!part.decision().allowed()) {
                Decision d = part.decision();
                String where = part.nesting() > nesting ? " in a nested shell" : " at character " + (part.start() + 1);
                return new ShellVerdict(Decision.deny(d.rule(), shell + " -c script: '" + part.text() + "'" + where
                        + (part.directory() == null ? "" : " (in " + part.directory() + ")") + " is not granted: "
                        + d.reason(), d.granted()), parts);
            }
        }
        List<String> names = new ArrayList<>();
        for (ShellPart part : parts) {
            if (part.nesting() == nesting) {
                names.add(part.text() + " (" + part.decision().rule() + ")");
            }
        }
        String summary = names.isEmpty() ? "an empty script" : String.join("; ", names);
        return new ShellVerdict(Decision.allow(RULE, shell + " -c script decomposed, every part granted: " + summary),
                parts);
    }
}
