package dev.agentguard.agent.enforce;

import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.process.ExecOptions;
import dev.agentguard.policy.process.JvmLaunchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a child gets once its start is decided: its environment and, for a JVM, the guard on its command line.
 *
 * <p><b>Environment.</b> The JDK is handed a fresh map, never the application's: a thread that changes the
 * builder's map after the check changes nothing. A variable is <i>inherited</i> when the JVM has it with the
 * same value; inherited variables follow {@code env.read} and the strip lists, as before. A variable the
 * application set or changed is decided by {@link dev.agentguard.policy.process.ProcessRules#decideVariable}:
 * {@code process.env.pass} or the exec rule's {@code env} list, and interpreter variables only by name in
 * the rule. A refused one denies the start (enforce) and names the variable.
 *
 * <p><b>JVM children</b> see {@link ChildJvms}.
 */
final class ChildStarts {
    private final Policy policy;
    private final Verdicts verdicts;
    private volatile InheritedVariables inheritedVariables;
    /** The JVM's environment as a child that inherits it gets it, hidden variables dropped (enforce) or kept. */
    private volatile Map<String, String> inheritedDropped;
    private volatile Map<String, String> inheritedKept;

    ChildStarts(Policy policy, Verdicts verdicts) {
        this.policy = policy;
        this.verdicts = verdicts;
    }

    /**
     * The environment for the JDK to start the child with: {@code fresh} (an empty map of the JDK's own type),
     * filled from {@code given} (the application's map), as decided. {@code hidden} and {@code passed}
     * collect the inherited variables left out and passed on, for the caller's records.
     */
    void environment(Decision start, String command, Map<String, String> given, Map<String, String> jvm,
                     Map<String, String> fresh, boolean dropHidden, List<String> hidden, List<String> passed) {
        ExecOptions options = policy.processes().options(start);
        // One pass over a copy: the application's map is read once, here.
        List<Map.Entry<String, String>> entries = new ArrayList<>(given.size());
        for (Map.Entry<String, String> e : given.entrySet()) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, String> e : entries) {
            String name = e.getKey();
            String value = e.getValue();
            if (value.equals(jvm.get(name))) {
                if (inherited(name, dropHidden, hidden, passed)) {
                    fresh.put(name, value);
                }
                continue;
            }
            if (policy.env().strippedByPolicy(name) && !options.passes(name)) {
                // The policy's own strip list: removed whoever set it, in both modes, not recorded.
                continue;
            }
            Decision d = policy.processes().decideVariable(start, name, command);
            verdicts.apply(d, Category.PROCESS, "env", name + " for " + command);
            fresh.put(name, value);
        }
    }

    /**
     * An inherited variable (the JVM's own, unchanged), for a child or a whole-environment read: whether it is
     * handed over. The strip lists remove it in both modes, unrecorded (the strip list is not a read); one that
     * {@code env.read} does not grant is added to {@code hidden} and dropped when {@code dropHidden}; a granted
     * one is added to {@code passed}. The verdict on each of the JVM's variables is worked out once
     * ({@link InheritedVariables}).
     */
    boolean inherited(String name, boolean dropHidden, List<String> hidden, List<String> passed) {
        int verdict = inheritedVariables().verdict(name);
        if (verdict < 0) {
            verdict = decideInherited(name);
        }
        if (verdict == InheritedVariables.STRIPPED) {
            return false;
        }
        if (verdict == InheritedVariables.HIDDEN) {
            hidden.add(name);
            return !dropHidden;
        }
        passed.add(name);
        return true;
    }

    /**
     * The environment for the JDK to start a child with that inherits the JVM's (the application left the
     * builder's map alone): the JDK's own copy of the JVM's environment without the stripped variables and,
     * when {@code dropHidden}, without those {@code env.read} does not grant. Made once per value of
     * {@code dropHidden}, on first use inside the guard's own work, and handed to every such start.
     *
     * <p>Sharing it is safe: the map goes only to {@code ProcessImpl.start}, in place of the argument the
     * application passed, and {@code ProcessImpl.start} only reads it, once, into the child's environment block
     * ({@code ProcessEnvironment.toEnvironmentBlock}, JDK 17 and 25); the application never holds it, and
     * nothing changes it after it is published. What the child gets is what {@link #inherited} decided for
     * each variable, as before; the caller still records the hidden and passed names at every start.
     */
    Map<String, String> inheritedEnvironment(boolean dropHidden) {
        Map<String, String> env = dropHidden ? inheritedDropped : inheritedKept;
        if (env != null) {
            return env;
        }
        // A fresh map of the JDK's own type (ProcessEnvironment's copy, unfiltered inside the guard's work).
        env = new ProcessBuilder().environment();
        InheritedVariables variables = inheritedVariables();
        java.util.Iterator<String> names = env.keySet().iterator();
        while (names.hasNext()) {
            String name = names.next();
            int verdict = variables.verdict(name);
            if (verdict < 0) {
                verdict = decideInherited(name);
            }
            if (verdict == InheritedVariables.STRIPPED || verdict == InheritedVariables.HIDDEN && dropHidden) {
                names.remove();
            }
        }
        if (dropHidden) {
            inheritedDropped = env;
        } else {
            inheritedKept = env;
        }
        return env;
    }

    /** The JVM's environment as the policy splits it (made on first use, inside the guard's own work). */
    InheritedVariables inheritedVariables() {
        InheritedVariables variables = inheritedVariables;
        if (variables == null) {
            // An explicit class, not a method reference: check-time code binds no call site (its bootstrap
            // would run the JDK's invoke machinery inside a check; NoCallSiteBootstrapTest).
            variables = InheritedVariables.of(System.getenv(), new java.util.function.ToIntFunction<String>() {
                @Override
                public int applyAsInt(String name) {
                    return decideInherited(name);
                }
            });
            inheritedVariables = variables;
        }
        return variables;
    }

    private int decideInherited(String name) {
        if (policy.env().stripped(name)) {
            return InheritedVariables.STRIPPED;
        }
        return policy.env().decide(name).allowed() ? InheritedVariables.PASSED : InheritedVariables.HIDDEN;
    }

    /**
     * The command line to start: {@code argv}, or for a JVM that the rule guards, {@code argv} with the
     * guard's agent first. A JVM command that cannot be guarded is denied (enforce).
     */
    String[] commandLine(Decision start, String command, String program, String[] argv) {
        String launcher = JvmLaunchers.launcherName(program);
        if (launcher == null || !policy.processes().options(start).guardChildJvm()) {
            return argv;
        }
        String rule = start.allowed() ? start.rule() : "process.exec";
        String why = ChildJvms.refusal(launcher, argv);
        String guardJar = policy.context().guardJar();
        String agentArgs = agentArgs();
        if (why == null && guardJar == null) {
            why = "guard.jar's own location is unknown, so the child JVM cannot be given the guard";
        }
        if (why == null && (agentArgs == null || guardJar.indexOf(',') >= 0)) {
            why = "a path the child's guard needs (policy, audit log, workdir or guard.jar) holds ',' or '=',"
                    + " which the agent's arguments cannot carry";
        }
        if (why != null) {
            verdicts.apply(Decision.deny(rule + ".guard", "'" + command + "' starts a JVM that must run under"
                    + " the guard, and " + why + "; set guard: false on the exec rule to start it unguarded"),
                    Category.PROCESS, "exec", command);
            return argv;
        }
        return ChildJvms.guarded(launcher, argv, guardJar, agentArgs);
    }

    /** {@code policy=P,mode=M,audit=A,workdir=W,parent=PID}; null when a value cannot be carried. */
    private String agentArgs() {
        StringBuilder sb = new StringBuilder();
        if (policy.path() != null) {
            if (!plain(policy.path())) {
                return null;
            }
            sb.append("policy=").append(policy.path()).append(',');
        }
        String audit = policy.audit().file();
        String workdir = policy.context().workdir();
        if (!plain(audit) || !plain(workdir)) {
            return null;
        }
        sb.append("mode=").append(policy.mode() == Mode.AUDIT ? "audit" : "enforce")
                .append(",audit=").append(audit)
                .append(",workdir=").append(workdir)
                .append(",parent=").append(policy.context().pid());
        return sb.toString();
    }

    private static boolean plain(String value) {
        return value.indexOf(',') < 0 && value.indexOf('=') < 0;
    }
}
