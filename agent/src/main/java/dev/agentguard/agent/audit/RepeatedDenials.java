package dev.agentguard.agent.audit;

import dev.agentguard.policy.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses identical denials in the audit log: the first is written in full, each later one with the same
 * decision, category, op, target, rule, reason, caller and details is only counted, and the summary record
 * lists the counts ({@code details.repeated}: the first record's {@code seq} and how many more there were).
 * A framework that reads the whole environment on every start, or a retry loop hitting the same denial,
 * otherwise fills the log with copies (88% of one Spring Boot run's log).
 *
 * <p>Budget records are never collapsed (each carries its own byte count). Memory is bounded: after
 * {@link #MAX_KEYS} distinct denials a new one is written in full every time, so nothing is ever lost; a
 * key longer than {@link #MAX_KEY_CHARS} is kept as a prefix, its length and a hash (two that collide are
 * counted as one, and the first stays in the log). A JVM killed before its summary leaves the first records
 * and not the counts.
 */
final class RepeatedDenials {
    static final int MAX_KEYS = 10_000;
    static final int MAX_KEY_CHARS = 512;
    /** At most this many entries in the summary; the rest are summed in {@code details.repeated_more}. */
    static final int MAX_LISTED = 1_000;

    /** The first record's seq and the copies not written since; guarded by the log's lock. */
    private static final class Count {
        final long firstSeq;
        long more;

        Count(long firstSeq) {
            this.firstSeq = firstSeq;
        }
    }

    private final Map<String, Count> seen = new HashMap<>();
    /** Entries with copies, in the order their first copy came. */
    private final List<Count> repeated = new ArrayList<>();

    /** The key of a record that may be collapsed, or null (an allowed call, a budget record). */
    static String key(AuditRecord r) {
        if (r.decision() == AuditDecision.ALLOW || r.category() == Category.BUDGET || r.hasBytes()) {
            return null;
        }
        String key = r.decision().name() + '\u0000' + r.category().name() + '\u0000' + r.op() + '\u0000' + r.target()
                + '\u0000' + r.rule() + '\u0000' + r.reason() + '\u0000' + r.caller() + '\u0000' + r.details();
        if (key.length() <= MAX_KEY_CHARS) {
            return key;
        }
        return key.substring(0, MAX_KEY_CHARS) + '\u0000' + key.length() + '\u0000' + key.hashCode();
    }

    /** True when {@code key} was written before: count this copy and write nothing. */
    boolean repeat(String key) {
        Count c = seen.get(key);
        if (c == null) {
            return false;
        }
        if (c.more++ == 0) {
            repeated.add(c);
        }
        return true;
    }

    /** Remembers the record just written under {@code seq}, while there is room. */
    void written(String key, long seq) {
        if (seen.size() < MAX_KEYS) {
            seen.put(key, new Count(seq));
        }
    }

    /** For the summary: {@code repeated} ([{seq, more}], first copies first) and {@code repeated_more}. */
    void describe(Map<String, Object> details) {
        if (repeated.isEmpty()) {
            return;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        long unlisted = 0;
        for (Count c : repeated) {
            if (list.size() < MAX_LISTED) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("seq", c.firstSeq);
                entry.put("more", c.more);
                list.add(entry);
            } else {
                unlisted += c.more;
            }
        }
        details.put("repeated", list);
        if (unlisted > 0) {
            details.put("repeated_more", unlisted);
        }
    }
}
