package dev.agentguard.apps.hooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One small action per hooked JDK method, run in a child JVM under guard.jar. Each action does the
 * ordinary thing an application would do (open a file, start a process, connect) on a target inside the
 * sandbox folder given as {@code -Dag.sandbox}; the policy the test chose decides whether it may.
 *
 * <p>Usage: {@code HookActions ID...}. Prints one line per action: {@code ACTION <id> ok|denied|error <detail>}.
 * {@code absent} means a query answered as for a missing file (its target exists); {@code denied} means the guard stopped it (its exception, or a hidden variable, or an unknown host
 * naming the guard); the parent test checks the effect itself (file absent, no connection, no child).
 */
public final class HookActions {
    private HookActions() {}

    /** An action: returns a short detail on success, throws when it could not be done. */
    public interface Action {
        String run(Sandbox sandbox) throws Exception;
    }

    /**
     * An action with what the parent test needs to judge it: the audit category its denial is recorded
     * under, and the file (relative to the sandbox) that exists only if the action had its effect, or null
     * when the effect is checked otherwise (a listener, a hidden value).
     */
    public record Spec(String category, String effectFile, Action action) {}

    /**
     * Hooks that protect the guard itself: no policy grants what they refuse, so each has an action that
     * must pass (on an ordinary class) and one that must be refused (on a guard class), under every policy
     * and in both modes. Printed as {@code ACTION <id>#allowed ...} and {@code ACTION <id>#denied ...}.
     */
    public record Protected(Action allowed, Action denied) {}

    public static final Map<String, Protected> PROTECTED = new LinkedHashMap<>();

    /**
     * Hooks whose decision no policy changes but the mode does: the allowed action passes under every
     * policy, the denied one is refused in enforce mode and recorded as would_deny in audit mode (a
     * process this JVM did not start). Printed like {@link #PROTECTED}.
     */
    public record Fixed(String category, Action allowed, Action denied) {}

    public static final Map<String, Fixed> FIXED = new LinkedHashMap<>();

    /** Hook id (as {@code guard.jar hooks --ids} prints it) to its action. One register call per family. */
    public static final Map<String, Spec> ACTIONS = new LinkedHashMap<>();

    /**
     * The metadata queries among {@link #ACTIONS} (hook id to the audit op their check records): a denial
     * answers them as for a missing file, so their denied outcome is {@code absent ...}, not the guard's
     * exception. Each action's target exists, so "absent" can only be the guard's answer.
     */
    public static final Map<String, String> QUERIES = new LinkedHashMap<>();

    /**
     * Hooks that refuse under every policy and in both modes, with no allowed case (a Java agent loaded
     * after start-up): their action must be denied. Printed as {@code ACTION <id> ...}.
     */
    public static final Map<String, Action> TAMPER = new LinkedHashMap<>();

    /** Rows of {@link #ACTIONS} whose denial holds in audit mode too (decision {@code deny}, not {@code would_deny}). */
    public static final java.util.Set<String> DENIED_IN_AUDIT_TOO = new java.util.HashSet<>();

    static {
        FileActions.register(ACTIONS);
        FileMetadataActions.register(ACTIONS);
        NioFileActions.register(ACTIONS);
        ProcessActions.register(ACTIONS);
        EnvActions.register(ACTIONS);
        NetActions.register(ACTIONS);
        SocketActions.register(ACTIONS);
        BudgetActions.register(ACTIONS);
        NativeActions.register(ACTIONS);
        GuardActions.register(PROTECTED);
        GuardActions.registerThreads(PROTECTED);
        ReachAroundActions.register(ACTIONS);
        ReachAroundActions.registerFixed(FIXED);
        JvmActions.register(ACTIONS, PROTECTED, TAMPER, DENIED_IN_AUDIT_TOO);
    }

    public static void main(String[] args) {
        Sandbox sandbox = Sandbox.fromSystemProperties();
        for (String id : args) {
            Protected guarded = PROTECTED.get(id);
            if (guarded != null) {
                System.out.println("ACTION " + id + "#allowed " + outcome(guarded.allowed(), sandbox));
                System.out.println("ACTION " + id + "#denied " + outcome(guarded.denied(), sandbox));
                continue;
            }
            Fixed fixed = FIXED.get(id);
            if (fixed != null) {
                System.out.println("ACTION " + id + "#allowed " + outcome(fixed.allowed(), sandbox));
                System.out.println("ACTION " + id + "#denied " + outcome(fixed.denied(), sandbox));
                continue;
            }
            Action tamper = TAMPER.get(id);
            if (tamper != null) {
                System.out.println("ACTION " + id + " " + outcome(tamper, sandbox));
                continue;
            }
            Spec spec = ACTIONS.get(id);
            if (spec == null) {
                System.out.println("ACTION " + id + " missing no action registered for this hook");
                continue;
            }
            System.out.println("ACTION " + id + " " + outcome(spec.action(), sandbox));
        }
        System.out.flush();
    }

    static String outcome(Action action, Sandbox sandbox) {
        try {
            String detail = action.run(sandbox);
            if (detail != null && detail.startsWith(Sandbox.HIDDEN)) {
                return "denied " + oneLine(detail);
            }
            if (detail != null && detail.startsWith(Sandbox.ABSENT)) {
                return "absent " + oneLine(detail);
            }
            return "ok " + oneLine(detail);
        } catch (Throwable t) {
            Throwable guard = guardCause(t);
            if (guard != null) {
                return "denied " + oneLine(guard.getMessage());
            }
            if (t instanceof java.nio.file.NoSuchFileException) {
                return "absent " + oneLine(t.toString());
            }
            return "error " + oneLine(t.toString());
        }
    }

    /** The guard's denial in the cause chain, or a lookup failure that names the guard. */
    static Throwable guardCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SecurityException && String.valueOf(c.getMessage()).contains("agentguard: denied")) {
                return c;
            }
            if (c instanceof java.net.UnknownHostException && String.valueOf(c.getMessage()).contains("agentguard: denied")) {
                return c;
            }
        }
        return null;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
