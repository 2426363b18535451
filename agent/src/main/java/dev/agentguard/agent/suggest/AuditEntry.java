package dev.agentguard.agent.suggest;

import java.util.List;
import java.util.Map;

/**
 * The fields of one audit record that {@code suggest} uses (POLICY.md section 12), as read from one line.
 *
 * @param line     the line number in the log, 1-based, for messages
 * @param decision {@code allow}, {@code deny} or {@code would_deny}
 * @param argv     {@code details.argv} of a process start, or null when the record has none
 * @param names    {@code details.names} of a whole-environment read, or null
 * @param start    the string values of {@code details} of a {@code guard/start} record ({@code workdir},
 *                 {@code home}, {@code tmp}), empty otherwise
 * @param pid      the audited JVM's pid, 0 when the record has none
 */
record AuditEntry(long line, String decision, String category, String op, String target, String rule,
                  String reason, List<String> argv, List<String> names, Map<String, String> start, long pid) {

    boolean isDeny() {
        return "deny".equals(decision);
    }

    /** Allowed, or allowed only because the run was in audit mode: something the run did. */
    boolean wasDone() {
        return "allow".equals(decision) || "would_deny".equals(decision);
    }

    /** {@code file read /w/a (would_deny, default-deny)}: how the comment block names a record. */
    String describe() {
        return category + " " + op + " " + target + " (" + decision + (rule == null ? "" : ", " + rule) + ")";
    }
}
