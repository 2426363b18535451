package dev.agentguard.agent;

import dev.agentguard.policy.Mode;

/**
 * The {@code -javaagent:guard.jar=ARGS} string (POLICY.md section 1): either a policy path, or
 * comma-separated {@code policy=}, {@code mode=}, {@code audit=} pairs. A guarded JVM that starts another JVM
 * adds {@code workdir=} (its {@code ${workdir}}, which the child's policy then uses) and {@code parent=} (its
 * pid, for the child's start record).
 */
public record AgentArgs(String policy, Mode mode, String audit, String workdir, Long parent) {
    static final String EXPECTED = "policy, mode, audit, workdir, parent";

    public AgentArgs(String policy, Mode mode, String audit) {
        this(policy, mode, audit, null, null);
    }

    public static AgentArgs parse(String args) {
        if (args == null || args.isBlank()) {
            return new AgentArgs(null, null, null);
        }
        if (!args.contains("=")) {
            return new AgentArgs(args.trim(), null, null);
        }
        String policy = null;
        Mode mode = null;
        String audit = null;
        String workdir = null;
        Long parent = null;
        for (String pair : args.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad agent argument '" + pair
                        + "' (expected policy=FILE, mode=enforce|audit, audit=FILE, or just a policy path)");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            switch (key) {
                case "policy":
                    policy = value;
                    break;
                case "mode":
                    if (value.equals("enforce")) {
                        mode = Mode.ENFORCE;
                    } else if (value.equals("audit")) {
                        mode = Mode.AUDIT;
                    } else {
                        throw new IllegalArgumentException("unknown mode '" + value + "' (expected: enforce, audit)");
                    }
                    break;
                case "audit":
                    audit = value;
                    break;
                case "workdir":
                    if (!value.startsWith("/")) {
                        throw new IllegalArgumentException("agent argument workdir='" + value + "' must be absolute");
                    }
                    workdir = value;
                    break;
                case "parent":
                    try {
                        parent = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("agent argument parent='" + value + "' must be a process id");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown agent argument '" + key
                            + "' (expected: " + EXPECTED + ")");
            }
        }
        return new AgentArgs(policy, mode, audit, workdir, parent);
    }
}
