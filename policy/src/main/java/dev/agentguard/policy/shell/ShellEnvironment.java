package dev.agentguard.policy.shell;

import dev.agentguard.policy.env.EnvRules;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment the shell child will start with, as far as it changes what a script does: {@code PATH}
 * finds the programs, {@code HOME} expands {@code ~}, and some variables make the shell itself run code
 * or parse differently before or while it runs the script. Those refuse decomposition outright.
 */
public final class ShellEnvironment {
    /**
     * Variables that make sh, dash or bash run other code or change how the script is read: startup files
     * ({@code BASH_ENV}, {@code ENV}), options ({@code SHELLOPTS}, {@code BASHOPTS}: xtrace, extglob, …),
     * code run while tracing or prompting ({@code PS4}, {@code PROMPT_COMMAND}), word splitting
     * ({@code IFS}), {@code cd} search ({@code CDPATH}), what globbing and command search skip, and the
     * variables that make bash think sshd started it.
     */
    static final Set<String> REFUSED = Set.of("BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND",
            "IFS", "CDPATH", "GLOBIGNORE", "EXECIGNORE", "BASH_XTRACEFD", "BASH_LOADABLES_PATH", "BASH_COMPAT",
            // bash built with SSH_SOURCE_BASHRC reads ~/.bashrc for -c when these say it runs under sshd.
            "SSH_CLIENT", "SSH2_CLIENT");

    private final Map<String, String> vars;

    private ShellEnvironment(Map<String, String> vars) {
        this.vars = vars;
    }

    /** Exactly these variables (a copy is kept: later changes to {@code vars} do not reach the decision). */
    public static ShellEnvironment of(Map<String, String> vars) {
        return new ShellEnvironment(new HashMap<>(vars));
    }

    /**
     * What the child gets from a {@code ProcessImpl.start} environment: the application's map minus the
     * strip list, or, when the application left it alone (null), the JVM's environment minus the strip
     * list and minus every variable {@code env.read} does not grant (the agent hides those from children).
     */
    public static ShellEnvironment ofChild(Map<String, String> given, Map<String, String> jvmEnvironment,
                                           EnvRules rules) {
        boolean inherited = given == null;
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : (inherited ? jvmEnvironment : given).entrySet()) {
            String name = e.getKey();
            if (rules.stripped(name) || (inherited && !rules.decide(name).allowed())) {
                continue;
            }
            out.put(name, e.getValue());
        }
        return new ShellEnvironment(out);
    }

    /** The variables, read-only: the child is started with exactly these when the application gave a map. */
    public Map<String, String> variables() {
        return java.util.Collections.unmodifiableMap(vars);
    }

    /** The child's {@code PATH}, or null when it has none. */
    public String path() {
        return vars.get("PATH");
    }

    /**
     * The child's {@code HOME} for {@code ~}, or null when it has none usable: unset, empty or relative
     * (shells differ on what {@code ~} means then).
     */
    public String home() {
        String home = vars.get("HOME");
        return home == null || !home.startsWith("/") ? null : home;
    }

    /** Refuses an environment in which the shell would not run the script as parsed. */
    void check() throws UndecidableScript {
        for (String name : vars.keySet()) {
            if (REFUSED.contains(name)) {
                throw new UndecidableScript("the variable " + name + " in the child's environment (it changes what"
                        + " the shell runs)", -1);
            }
            if (name.startsWith("BASH_FUNC_") || name.indexOf('%') >= 0 || name.indexOf('(') >= 0) {
                throw new UndecidableScript("an exported bash function in the child's environment", -1);
            }
        }
        String path = path();
        if (path == null) {
            throw new UndecidableScript("no PATH in the child's environment (the shell would use its own default)",
                    -1);
        }
        if (path.indexOf('%') >= 0) {
            // dash reads "%builtin" / "%func" PATH entries as search-order markers.
            throw new UndecidableScript("a '%' in the child's PATH", -1);
        }
        for (String entry : path.split(":", -1)) {
            if (entry.startsWith("/") && ProcessRelativePaths.throughProc(entry)) {
                throw new UndecidableScript("the child's PATH entry " + entry + " leads through /proc (searched from"
                        + " the shell there, from the JVM here)", -1);
            }
        }
    }
}
