package dev.agentguard.agent.audit;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record's {@code details} that the guard makes once and writes again and again (the names of the JVM's
 * hidden variables, recorded at every process start): unmodifiable, and its text kept. A record copies any
 * other details map ({@link AuditRecord.Builder#details}), and the key that collapses repeated denials holds
 * the details' text ({@link RepeatedDenials}); for a list of some 50 names, copying and printing it again at
 * every start was most of the key's cost. The values must not change either (immutable lists, strings).
 */
public final class FixedDetails extends AbstractMap<String, Object> {
    private final Map<String, Object> entries;
    private final String text;

    public FixedDetails(Map<String, ?> details) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.text = entries.toString();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public String toString() {
        return text;
    }
}
