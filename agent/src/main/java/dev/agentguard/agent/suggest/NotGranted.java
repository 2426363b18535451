package dev.agentguard.agent.suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the suggestion leaves out on purpose, for the comment block a reviewer reads: calls the run was
 * denied (enforce), calls a deny rule or the secret set covers, and calls that cannot be written as a
 * grant. Distinct lines, at most {@link #MAX_LISTED}; the rest are counted.
 */
final class NotGranted {
    static final int MAX_LISTED = 500;

    private final Set<String> lines = new LinkedHashSet<>();
    private long more;

    void add(String line) {
        if (lines.contains(line)) {
            return;
        }
        if (lines.size() < MAX_LISTED) {
            lines.add(line);
        } else {
            more++;
        }
    }

    List<String> lines() {
        List<String> all = new ArrayList<>(lines);
        if (more > 0) {
            all.add("... and " + more + " more not listed");
        }
        return all;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
