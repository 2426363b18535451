package dev.agentguard.agent.audit;

import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the audit log (POLICY.md section 12), immutable. The fields are, in output order:
 * {@code ts}, {@code seq}, {@code pid}, {@code mode}, {@code decision}, {@code category}, {@code op},
 * {@code target}, {@code rule}, {@code reason}, {@code thread}, {@code caller}, then {@code bytes} only
 * when set, then {@code details} only when set.
 *
 * <p>The guard describes a call with {@link #builder}; {@link AuditLog#write} then stamps the fields only
 * the log can know ({@code ts}, {@code seq}, {@code pid}, {@code mode}), redacts {@code target},
 * {@code reason} and {@code thread} (libraries name threads after the URL they serve, credentials
 * included), and returns the record exactly as written. Before that, {@code seq} and {@code ts}
 * are 0, {@code pid} is 0 and {@code mode} is null.
 *
 * <p>{@code details} is an extra JSON object written after all standard fields, meant for the
 * {@code guard} records: {@code start} (guard version, policy path and SHA-256, mode, JDK version) and
 * {@code summary} (counts per category and decision, budget usage). Its values may be strings, numbers,
 * booleans, null, nested maps (written as objects) and iterables or arrays (written as arrays); anything
 * else is written as its {@code toString()}. The top-level map is copied in iteration order; nested
 * values are not copied and must not change afterwards.
 */
public final class AuditRecord {
    /** Value of {@link #bytes()} when the record has no {@code bytes} field. */
    public static final long NO_BYTES = -1;

    private final long tsMillis;
    private final long seq;
    private final long pid;
    private final Mode mode;
    private final AuditDecision decision;
    private final Category category;
    private final String op;
    private final String target;
    private final String rule;
    private final String reason;
    private final String thread;
    private final String caller;
    private final long bytes;
    private final Map<String, Object> details;

    private AuditRecord(long tsMillis, long seq, long pid, Mode mode, Builder b, String target, String reason) {
        this.tsMillis = tsMillis;
        this.seq = seq;
        this.pid = pid;
        this.mode = mode;
        this.decision = b.decision;
        this.category = b.category;
        this.op = b.op;
        this.target = target;
        this.rule = b.rule;
        this.reason = reason;
        this.thread = b.thread;
        this.caller = b.caller;
        this.bytes = b.bytes;
        this.details = b.details;
    }

    private AuditRecord(AuditRecord r, long tsMillis, long seq, long pid, Mode mode, String target, String reason,
                        String thread) {
        this.tsMillis = tsMillis;
        this.seq = seq;
        this.pid = pid;
        this.mode = mode;
        this.decision = r.decision;
        this.category = r.category;
        this.op = r.op;
        this.target = target;
        this.rule = r.rule;
        this.reason = reason;
        this.thread = thread;
        this.caller = r.caller;
        this.bytes = r.bytes;
        this.details = r.details;
    }

    /**
     * Starts a record of one call. {@code thread} defaults to the current thread's name, so call this on
     * the thread that made the guarded call.
     */
    public static Builder builder(AuditDecision decision, Category category, String op, String target) {
        return new Builder(decision, category, op, target);
    }

    /**
     * This record with the log's fields set and {@code target}/{@code reason}/{@code thread} replaced
     * (redacted).
     */
    AuditRecord stamped(long tsMillis, long seq, long pid, Mode mode, String target, String reason, String thread) {
        return new AuditRecord(this, tsMillis, seq, pid, mode, target, reason, thread);
    }

    /** Milliseconds since the epoch; written as ISO-8601 UTC with milliseconds. */
    public long tsMillis() {
        return tsMillis;
    }

    public long seq() {
        return seq;
    }

    public long pid() {
        return pid;
    }

    public Mode mode() {
        return mode;
    }

    public AuditDecision decision() {
        return decision;
    }

    public Category category() {
        return category;
    }

    public String op() {
        return op;
    }

    public String target() {
        return target;
    }

    public String rule() {
        return rule;
    }

    public String reason() {
        return reason;
    }

    public String thread() {
        return thread;
    }

    /** The first frame outside the JDK and the guard, or null (written as JSON null). */
    public String caller() {
        return caller;
    }

    public boolean hasBytes() {
        return bytes != NO_BYTES;
    }

    /** The byte count, or {@link #NO_BYTES} when the field is omitted. */
    public long bytes() {
        return bytes;
    }

    /** The extra {@code details} object, or null when it is omitted. Unmodifiable. */
    public Map<String, Object> details() {
        return details;
    }

    /** Collects the fields of one call; {@link #build()} gives the record to pass to {@link AuditLog#write}. */
    public static final class Builder {
        private final AuditDecision decision;
        private final Category category;
        private final String op;
        private final String target;
        private String rule;
        private String reason;
        private String thread = Thread.currentThread().getName();
        private String caller;
        private long bytes = NO_BYTES;
        private Map<String, Object> details;

        private Builder(AuditDecision decision, Category category, String op, String target) {
            if (decision == null || category == null || op == null) {
                throw new IllegalArgumentException("decision, category and op are required");
            }
            this.decision = decision;
            this.category = category;
            this.op = op;
            this.target = target;
        }

        /** The rule id that decided ({@code files.deny[2]}, {@code default-deny}, ...). */
        public Builder rule(String rule) {
            this.rule = rule;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        /** See {@link CallerFinder#find()}; null is written as JSON null. */
        public Builder caller(String caller) {
            this.caller = caller;
            return this;
        }

        /** Sets the {@code bytes} field (only where it applies); must not be negative. */
        public Builder bytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative: " + bytes);
            }
            this.bytes = bytes;
            return this;
        }

        /** Sets the {@code details} object; null or an empty map omits it. */
        @SuppressWarnings("unchecked")
        public Builder details(Map<String, ?> details) {
            if (details instanceof FixedDetails && !details.isEmpty()) {
                // Unmodifiable already, values included: kept as it is, with its text (FixedDetails says why).
                this.details = (Map<String, Object>) details;
                return this;
            }
            this.details = details == null || details.isEmpty()
                    ? null
                    : Collections.unmodifiableMap(new LinkedHashMap<>(details));
            return this;
        }

        /** The record before the log stamps it: {@code ts}, {@code seq}, {@code pid} 0 and {@code mode} null. */
        public AuditRecord build() {
            return new AuditRecord(0, 0, 0, null, this, target, reason);
        }
    }
}
