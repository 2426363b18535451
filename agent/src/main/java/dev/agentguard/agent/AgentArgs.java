package dev.agentguard.agent;

import dev.agentguard.policy.Mode;

/**
 * The {@code -javaagent:guard.jar=ARGS} string (POLICY.md section 1): either a policy path, or
 * comma-separated {@code policy=}, {@code mode=}, {@code audit=} pairs.
 */
public record AgentArgs(String policy, Mode mode, String audit) {

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
                default:
                    throw new IllegalArgumentException("unknown agent argument '" + key
                            + "' (expected: policy, mode, audit)");
            }
        }
        return new AgentArgs(policy, mode, audit);
    }
}
