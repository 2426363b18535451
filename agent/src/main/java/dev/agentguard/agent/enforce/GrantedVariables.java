package dev.agentguard.agent.enforce;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Variable names that {@code env.read} granted and whose record {@code audit.allowed} no longer wants:
 * a repeated {@code System.getenv} of such a name skips the policy and the first-seen lookup, and costs
 * one map lookup. The policy cannot change while the JVM runs, so a grant stays a grant; the killswitch is
 * checked before this set is consulted.
 *
 * <p>Bounded: a glob grant ({@code APP_*}) admits any number of names; past {@link #MAX_NAMES} new names are
 * simply decided each time, as before this set existed.
 */
final class GrantedVariables {
    static final int MAX_NAMES = 4096;

    private final ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();

    boolean contains(String name) {
        return name != null && names.get(name) != null;
    }

    void add(String name) {
        if (name != null && names.size() < MAX_NAMES) {
            names.putIfAbsent(name, Boolean.TRUE);
        }
    }
}
