package dev.agentguard.agent.enforce;

import dev.agentguard.agent.audit.Redactor;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.shell.ShellEnvironment;
import dev.agentguard.policy.shell.ShellPart;
import dev.agentguard.policy.shell.ShellVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code sh -c SCRIPT} start that no {@code process.exec} rule grants, under {@code process.shell:
 * decompose}: the script is decided part by part ({@link dev.agentguard.policy.shell.ShellStarts}) against
 * the environment the child will really get, and the audit record lists every part with its decision.
 * Reached only after the process rules denied a start, so ordinary starts never come here.
 */
final class ShellScriptStart {
    private ShellScriptStart() {
    }

    /**
     * Decides and records the start (throws when denied in enforce mode). Returns null when the child
     * inherits the JVM's environment (which cannot change), else the copy of the application's map that
     * was decided, for the start to use instead of the map the application still holds.
     */
    static Map<String, String> decide(Policy policy, Verdicts verdicts, String[] argv, String command, String childDir,
                                      Map<String, String> environment, Map<String, Object> argvDetails) {
        ShellEnvironment env = ShellEnvironment.ofChild(environment, System.getenv(), policy.env());
        ShellVerdict verdict = policy.shellStarts().decompose(argv, childDir, env);
        Map<String, Object> details = new LinkedHashMap<>();
        if (argvDetails != null) {
            details.putAll(argvDetails);
        }
        details.put("parts", parts(verdict.parts()));
        verdicts.apply(verdict.decision(), Category.PROCESS, "exec", command, details);
        return environment == null ? null : env.variables();
    }

    /** Each part as {@code {part, at, decision, rule}} (and {@code dir}, {@code nested} when they apply), redacted. */
    private static List<Map<String, Object>> parts(List<ShellPart> parts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ShellPart p : parts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("part", Redactor.redact(p.text()));
            m.put("at", p.start() + 1);
            m.put("decision", p.decision().allowed() ? "allow" : "deny");
            m.put("rule", p.decision().rule());
            if (p.directory() != null) {
                m.put("dir", p.directory());
            }
            if (p.nesting() > 0) {
                m.put("nested", p.nesting());
            }
            out.add(m);
        }
        return out;
    }
}
