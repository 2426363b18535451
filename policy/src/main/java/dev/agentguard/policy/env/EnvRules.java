package dev.agentguard.policy.env;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code env.read} grants and the strip list: which variables the application may see, and which
 * must never reach a child process.
 *
 * <p>{@link #decide} answers for reads ({@code System.getenv}); the guard hides a denied variable
 * rather than throwing. {@link #stripped} answers for child environments: the built-in list below
 * holds variables that make a child load code the policy never saw (preloaded libraries, JVM, Node,
 * Python, Perl, Ruby and shell start-up hooks), plus {@code process.env.strip}. The strip list does
 * not affect reads: an application may read {@code LD_PRELOAD} if {@code env.read} grants it, it just
 * cannot pass it on. Names are case-sensitive, as on Linux.
 *
 * <p>Allowed decisions are built once; the allowed path allocates nothing.
 */
public final class EnvRules {
    /** The strip list of POLICY.md section 5, always in force. */
    public static final List<String> BUILT_IN_STRIP = List.of(
            "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "NODE_OPTIONS", "PYTHONPATH",
            "PYTHONSTARTUP", "PERL5OPT", "RUBYOPT", "BASH_ENV", "ENV", "PROMPT_COMMAND");
    private static final Set<String> BUILT_IN = Set.copyOf(BUILT_IN_STRIP);

    /** How many grants a denial lists before "…". */
    static final int MAX_LISTED = 8;

    private final EnvNamePattern[] read;
    private final Decision[] allowed;
    private final EnvNamePattern[] strip;

    private EnvRules(EnvNamePattern[] read, EnvNamePattern[] strip) {
        this.read = read;
        this.strip = strip;
        this.allowed = new Decision[read.length];
        for (int i = 0; i < read.length; i++) {
            allowed[i] = Decision.allow(rule(i), "granted by " + rule(i) + ": " + read[i].text());
        }
    }

    /** Rules from compiled entries in policy order; {@code extraStrip} is {@code process.env.strip}. */
    public static EnvRules of(List<EnvNamePattern> read, List<EnvNamePattern> extraStrip) {
        return new EnvRules(read.toArray(new EnvNamePattern[0]), extraStrip.toArray(new EnvNamePattern[0]));
    }

    /**
     * Compiles both lists; an error names the entry: {@code env.read[2]: 'A=B' contains '=', ...}.
     */
    public static EnvRules compile(List<String> read, List<String> extraStrip) throws PatternException {
        return of(compileAll("env.read", read), compileAll("process.env.strip", extraStrip));
    }

    private static List<EnvNamePattern> compileAll(String key, List<String> texts) throws PatternException {
        List<EnvNamePattern> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(EnvNamePattern.compile(texts.get(i)));
            } catch (PatternException e) {
                throw new PatternException(key + "[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    static String rule(int i) {
        return "env.read[" + i + "]";
    }

    /** Whether the application may see variable {@code name}. */
    public Decision decide(String name) {
        int i = grant(name);
        if (i >= 0) {
            return allowed[i];
        }
        return Decision.deny("default-deny", "no env.read entry grants '" + name + "'", granted());
    }

    /** Whether {@code name} must be removed from a child's environment, whoever put it there. */
    public boolean stripped(String name) {
        if (name == null) {
            return false;
        }
        return BUILT_IN.contains(name) || strippedByPolicy(name);
    }

    /** Whether {@code process.env.strip} (not the built-in list) names {@code name}. */
    public boolean strippedByPolicy(String name) {
        for (EnvNamePattern p : strip) {
            if (p.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an inherited variable may reach a child: granted to read, and not stripped. */
    public boolean inheritable(String name) {
        return !stripped(name) && grant(name) >= 0;
    }

    private int grant(String name) {
        for (int i = 0; i < read.length; i++) {
            if (read[i].matches(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<EnvNamePattern> read() {
        return List.of(read);
    }

    /** The {@code process.env.strip} extras (the built-in list is {@link #BUILT_IN_STRIP}). */
    public List<EnvNamePattern> extraStrip() {
        return List.of(strip);
    }

    private String granted() {
        if (read.length == 0) {
            return "no variable is granted (env.read is empty)";
        }
        StringBuilder sb = new StringBuilder("granted: ");
        int shown = Math.min(read.length, MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            sb.append(i > 0 ? ", " : "").append(read[i].text());
        }
        if (read.length > shown) {
            sb.append(", … (").append(read.length - shown).append(" more)");
        }
        return sb.toString();
    }
}
