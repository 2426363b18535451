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
        String[] parts = {r.decision().name(), r.category().name(), r.op(), String.valueOf(r.target()),
            String.valueOf(r.rule()), String.valueOf(r.reason()), String.valueOf(r.caller()),
            String.valueOf(r.details())};
        return key(parts);
    }

    /**
     * The parts joined by NUL; past {@link #MAX_KEY_CHARS}, the joined text's first MAX_KEY_CHARS characters,
     * its length and its {@code hashCode}, worked out from the parts without joining them: a record whose
     * reason and details each list the JVM's hidden variables is written (or counted) at every process start,
     * and building its whole key took most of a warm start's time in the guard (docs/design/startup.md,
     * "Process start"). A part's hash is cached in its string when the string is reused, as a decision's
     * reason is.
     */
    static String key(String[] parts) {
        int length = parts.length - 1;
        for (String part : parts) {
            length += part.length();
        }
        StringBuilder key = new StringBuilder(Math.min(length, MAX_KEY_CHARS) + 24);
        for (int i = 0; i < parts.length && key.length() < MAX_KEY_CHARS; i++) {
            if (i > 0) {
                key.append('\u0000');
            }
            key.append(parts[i], 0, Math.min(parts[i].length(), MAX_KEY_CHARS + 1 - key.length()));
        }
        if (length <= MAX_KEY_CHARS) {
            return key.toString();
        }
        key.setLength(MAX_KEY_CHARS);
        // String.hashCode of the joined text: h(a + b) = h(a) * 31^|b| + h(b), the separator being one char 0.
        int hash = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                hash = hash * 31;
            }
            hash = hash * pow31(parts[i].length()) + parts[i].hashCode();
        }
        return key.append('\u0000').append(length).append('\u0000').append(hash).toString();
    }

    /** 31 to the power {@code n}, modulo 2^32 as {@code String.hashCode} computes. */
    private static int pow31(int n) {
        int result = 1;
        int base = 31;
        while (n > 0) {
            if ((n & 1) != 0) {
                result *= base;
            }
            base *= base;
            n >>= 1;
        }
        return result;
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
