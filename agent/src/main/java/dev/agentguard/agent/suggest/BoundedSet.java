package dev.agentguard.agent.suggest;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A set of distinct strings that stops growing at a cap and remembers that it did. */
final class BoundedSet {
    private final int cap;
    private final Set<String> values = new LinkedHashSet<>();
    private long dropped;

    BoundedSet(int cap) {
        this.cap = cap;
    }

    /** Adds {@code value}; false when it is new and the set is full (nothing is added then). */
    boolean add(String value) {
        if (values.contains(value)) {
            return true;
        }
        if (values.size() >= cap) {
            dropped++;
            return false;
        }
        values.add(value);
        return true;
    }

    boolean contains(String value) {
        return values.contains(value);
    }

    Set<String> values() {
        return Collections.unmodifiableSet(values);
    }

    long dropped() {
        return dropped;
    }
}
