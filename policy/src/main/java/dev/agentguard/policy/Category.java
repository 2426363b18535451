package dev.agentguard.policy;

/** What a guarded call touches; the lower-case name is the audit log's {@code category} field. */
public enum Category {
    FILE, PROCESS, NETWORK, ENV, NATIVE, BUDGET, GUARD, JVM;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Category fromWireName(String name) {
        for (Category c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
