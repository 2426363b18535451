package dev.agentguard.policy.budget;

import dev.agentguard.policy.PatternException;

/**
 * The kinds of call that {@code budgets.rate} can limit (POLICY.md section 11), by their YAML key.
 */
public enum RateCategory {
    PROCESS_EXEC("process.exec"),
    NETWORK_CONNECT("network.connect"),
    NETWORK_RESOLVE("network.resolve"),
    FILE_OPEN("file.open"),
    ENV_READ("env.read");

    private static final String EXPECTED;

    static {
        StringBuilder sb = new StringBuilder();
        for (RateCategory c : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.yamlName);
        }
        EXPECTED = sb.toString();
    }

    private final String yamlName;

    RateCategory(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The key under {@code budgets.rate}, e.g. {@code process.exec}. */
    public String yamlName() {
        return yamlName;
    }

    /** The category for a key, exactly as spelled; an error lists the valid keys. */
    public static RateCategory fromYamlName(String name) throws PatternException {
        for (RateCategory c : values()) {
            if (c.yamlName.equals(name)) {
                return c;
            }
        }
        throw new PatternException("unknown rate category '" + name + "' (expected: " + EXPECTED + ")");
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
