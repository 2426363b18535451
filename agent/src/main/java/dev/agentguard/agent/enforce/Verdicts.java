package dev.agentguard.agent.enforce;

import dev.agentguard.agent.audit.AuditDecision;
import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.audit.CallerFinder;
import dev.agentguard.agent.audit.ConsoleDenials;
import dev.agentguard.agent.audit.FirstSeen;
import dev.agentguard.agent.audit.Redactor;
import dev.agentguard.bootstrap.GuardDeniedException;
import dev.agentguard.policy.AuditSettings;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.budget.RateCategory;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Decision} into what happens (POLICY.md sections 10 and 12): an allowed call is recorded
 * as {@code audit.allowed} says and goes on; a denied call is always recorded, then throws in enforce mode
 * and goes on in audit mode ({@code would_deny}).
 *
 * <p>Fail closed: if the audit record cannot be written, the call is denied.
 */
public final class Verdicts {
    private final Mode mode;
    private final AuditLog log;
    private final AuditSettings.Allowed allowed;
    private final FirstSeen firstSeen;
    /** {@code audit.message_grants}: a denial message also lists what is granted instead. */
    private final boolean messageGrants;
    /** {@code audit.console: denials}; null when off. */
    private final ConsoleDenials console;

    public Verdicts(Mode mode, AuditLog log, AuditSettings.Allowed allowed) {
        this(mode, log, new AuditSettings("", allowed), null);
    }

    /** {@code console}: where {@code audit.console: denials} writes, or null to leave the console alone. */
    public Verdicts(Mode mode, AuditLog log, AuditSettings settings, ConsoleDenials console) {
        this.mode = mode;
        this.log = log;
        this.allowed = settings.allowed();
        this.messageGrants = settings.messageGrants();
        this.console = settings.console() == AuditSettings.Console.DENIALS ? console : null;
        this.firstSeen = new FirstSeen();
    }

    /** Applies a decision: returns when the call may go on, throws {@link GuardDeniedException} otherwise. */
    public void apply(Decision decision, Category category, String op, String target) {
        apply(decision, category, op, target, null);
    }

    /**
     * {@link #apply(Decision, Category, String, String)} with a {@code details} object for the record (null:
     * none), for a call whose target alone loses information that {@code guard.jar suggest} needs.
     */
    public void apply(Decision decision, Category category, String op, String target, Map<String, ?> details) {
        if (decision.allowed()) {
            allowed(decision, category, op, target, details);
            return;
        }
        record(AuditDecision.of(false, mode), category, op, target, decision, details);
        if (mode == Mode.ENFORCE) {
            throw new GuardDeniedException(denialMessage(category, op, target, decision), decision.rule());
        }
    }

    /** The audit record's {@code details} of a denied query that the hook answered as for a missing file. */
    private static final Map<String, Object> ANSWERED_ABSENT = Map.of("answered", "absent");

    /**
     * A denied metadata query answered as for a missing file (enforce mode): recorded as a denial, with
     * {@code details.answered = "absent"}; the caller answers, nothing is thrown.
     */
    void answeredAbsent(Decision decision, Category category, String op, String target) {
        record(AuditDecision.of(false, mode), category, op, target, decision, ANSWERED_ABSENT);
    }

    /** Like {@link #apply} but reports a denial that must fail as false instead of throwing. */
    boolean applyQuietly(Decision decision, Category category, String op, String target) {
        if (decision.allowed()) {
            allowed(decision, category, op, target);
            return true;
        }
        record(AuditDecision.of(false, mode), category, op, target, decision);
        return mode != Mode.ENFORCE;
    }

    /** Records an allowed call when {@code audit.allowed} asks for it; allocates nothing when it does not. */
    /**
     * Records an allowed call as {@code audit.allowed} says, and counts it. Returns true when no later
     * identical call can need a record (audit.allowed is none, or first and this one is seen), so that
     * a caller may remember the verdict and just {@link #countAllowed} the repeats.
     */
    boolean allowed(Decision decision, Category category, String op, String target) {
        return allowed(decision, category, op, target, null);
    }

    private boolean allowed(Decision decision, Category category, String op, String target, Map<String, ?> details) {
        if (countedOnly(category, op, target)) {
            return true;
        }
        record(AuditDecision.ALLOW, category, op, target, decision, details);
        return allowed == AuditSettings.Allowed.FIRST;
    }

    /**
     * Whether an allowed call gets no record under {@code audit.allowed} (none, or first and seen before); such a
     * call is counted here, since the summary counts every decision.
     */
    private boolean countedOnly(Category category, String op, String target) {
        if (allowed == AuditSettings.Allowed.NONE
                || (allowed == AuditSettings.Allowed.FIRST && !firstSeen.firstTime(category, op, target))) {
            log.counters().increment(category, AuditDecision.ALLOW);
            return true;
        }
        return false;
    }

    /**
     * A process start's decision, as {@link #apply(Decision, Category, String, String, Map)} with the argv as
     * details ({@link Enforcer#argvDetails}), which are made only when a record is written: they cost a
     * redaction of the command, and under {@code audit.allowed: first} a repeated allowed start writes none.
     * Returns whether a record was written (a start that is not denied outright).
     */
    boolean applyStart(Decision decision, String command, String[] argv) {
        if (!decision.allowed()) {
            apply(decision, Category.PROCESS, "exec", command, Enforcer.argvDetails(argv, command));
            return true; // audit mode: recorded as would_deny, and the start goes on
        }
        if (countedOnly(Category.PROCESS, "exec", command)) {
            return false;
        }
        // Not apply(): it would ask first-seen again, and the answer is "seen" now.
        record(AuditDecision.ALLOW, Category.PROCESS, "exec", command, decision, Enforcer.argvDetails(argv, command));
        return true;
    }

    /** Counts an allowed call that needs no record (see {@link #allowed}). */
    void countAllowed(Category category) {
        log.counters().increment(category, AuditDecision.ALLOW);
    }

    /** A read that is hidden rather than thrown (env): recorded as a denial; the caller hides the value. */
    void hide(Decision decision, Category category, String op, String target) {
        record(AuditDecision.of(false, mode), category, op, target, decision);
    }

    /** Several variables hidden from one whole-environment read: one record naming them. */
    void hidden(Category category, String op, InheritedVariables.Names names) {
        record(AuditDecision.of(false, mode), category, op, names.target, names.decision, names.details);
    }

    /**
     * The JVM's own hidden variables, which a child inheriting the JVM's environment does not get: the same
     * record at every such start but for its caller. It is written in full, caller and all, when {@code full}
     * (the start's own record was written: its first start under {@code audit.allowed: first}, each start under
     * {@code all}, a would_deny start) or when none was written yet; any other start counts it as a copy of the
     * last one written, as the log counts identical denials (docs/policy-reference.md), without the stack walk
     * that finding its own caller costs (docs/design/startup.md, "Process start"). The log writes it again when
     * it no longer remembers that record (past its bound of distinct denials).
     */
    void hiddenInherited(Category category, String op, InheritedVariables.Names names, boolean full) {
        AuditDecision decision = AuditDecision.of(false, mode);
        String key = names.writtenKey;
        if (!full && key != null) {
            try {
                if (log.countRepeat(key, category, decision)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                throw notWritten(category, op, e);
            }
        }
        AuditRecord record = AuditRecord.builder(decision, category, op, names.target)
                .rule(names.decision.rule())
                .reason(names.decision.reason())
                .thread(Thread.currentThread().getName())
                .caller(CallerFinder.find())
                .details(withGranted(names.details, names.decision))
                .build();
        write(record, category, op);
        names.writtenKey = AuditLog.repeatKey(record);
        if (console != null) {
            console.show(names.decision.rule(), category.wireName() + " " + names.target,
                    consoleLine(decision, category, op, names.target, names.decision));
        }
    }

    /** Granted variables that one whole-environment read handed over: one allowed record naming them. */
    void passed(Category category, String op, InheritedVariables.Names names) {
        allowed(names.decision, category, op, names.target, names.details);
    }

    /** A rate budget without a token: recorded under category budget; throws in enforce mode. */
    void budgetExhausted(RateCategory budget, String limit, Category category, String op, String target) {
        if (!budgetExhaustedQuietly(budget, limit, category, op, target)) {
            Decision decision = rateDecision(budget, limit, category, op);
            throw new GuardDeniedException(denialMessage(category, op, target, decision), decision.rule());
        }
    }

    /** Records the exhausted rate budget; returns true when the call may still go on (audit mode). */
    boolean budgetExhaustedQuietly(RateCategory budget, String limit, Category category, String op, String target) {
        Decision decision = rateDecision(budget, limit, category, op);
        record(AuditDecision.of(false, mode), Category.BUDGET, budget.yamlName(), target, decision);
        return mode != Mode.ENFORCE;
    }

    private static Decision rateDecision(RateCategory budget, String limit, Category category, String op) {
        return Decision.deny("budgets.rate." + budget.yamlName(), "the rate budget " + budget.yamlName() + " ("
                + limit + ") is used up; " + category.wireName() + " " + op
                + " calls are denied until it refills");
    }

    /** An outbound write that a byte budget refused: nothing of it is sent (enforce mode). */
    void bytesExhausted(String budget, String op, String target, long bytes) {
        Decision decision = Decision.deny(budget.substring(0, budget.indexOf(' ')), "the outbound byte budget "
                + budget + " cannot take this write of " + bytes + " bytes; nothing more may be sent");
        AuditRecord record = AuditRecord.builder(AuditDecision.of(false, mode), Category.BUDGET, op, target)
                .rule(decision.rule())
                .reason(decision.reason())
                .thread(Thread.currentThread().getName())
                .caller(CallerFinder.find())
                .bytes(bytes)
                .build();
        write(record, Category.BUDGET, op);
        if (mode == Mode.ENFORCE) {
            throw new GuardDeniedException(denialMessage(Category.NETWORK, op, target, decision), decision.rule());
        }
    }

    /** A denial that holds in both modes: recorded as deny; returns the exception to throw. */
    GuardDeniedException alwaysDenied(Decision decision, Category category, String op, String target) {
        record(AuditDecision.DENY, category, op, target, decision);
        return new GuardDeniedException(denialMessage(category, op, target, decision), decision.rule());
    }

    /** An attempt to tamper with the guard: always a denial, in both modes. */
    void tamper(String op, String target) {
        record(AuditDecision.DENY, Category.GUARD, op, target, Decision.deny("protected",
                "the guard's own state cannot be reached by reflection or Unsafe"));
    }

    GuardDeniedException killswitchDenied(Category category, String op, String target, String file) {
        Decision decision = Decision.deny("killswitch", "the killswitch file " + file
                + " exists, so every guarded call is denied until it is removed");
        record(AuditDecision.DENY, category, op, target, decision);
        return new GuardDeniedException(denialMessage(category, op, target, decision), decision.rule());
    }

    void killswitchHidden(Category category, String op, String target, String file) {
        Decision decision = Decision.deny("killswitch", "the killswitch file " + file
                + " exists, so every guarded call is denied until it is removed");
        record(AuditDecision.DENY, category, op, target, decision);
    }

    void killswitchChanged(boolean tripped) {
        Decision decision = tripped
                ? Decision.deny("killswitch", "killswitch tripped: every guarded call is denied from now on")
                : Decision.allow("killswitch", "killswitch file removed: the policy applies again");
        record(tripped ? AuditDecision.DENY : AuditDecision.ALLOW, Category.GUARD,
                tripped ? "killswitch-on" : "killswitch-off", "killswitch", decision);
    }

    /**
     * The guard ends, or would end, a running child: its time limit passed, the JVM is exiting, or the
     * killswitch tripped. Recorded under category process; returns whether to act, which is always in
     * enforce mode and, when {@code bothModes} (the killswitch), in audit mode too.
     */
    boolean childAction(String op, String target, Decision why, boolean bothModes, Map<String, ?> details) {
        boolean act = bothModes || mode == Mode.ENFORCE;
        record(act ? AuditDecision.DENY : AuditDecision.WOULD_DENY, Category.PROCESS, op, target, why, details);
        return act;
    }

    /**
     * The one-line message of a denial (section 10), secrets redacted: what, which rule, and the reason,
     * which names the policy key that decides. What else is granted is not in it unless the policy asks
     * ({@code audit.message_grants}): messages reach HTTP clients and models, and the list maps the policy.
     */
    public String denialMessage(Category category, String op, String target, Decision decision) {
        return message(category, op, target, decision, messageGrants);
    }

    /** {@link #denialMessage}, listing what is granted instead only when {@code withGrants}. */
    public static String message(Category category, String op, String target, Decision decision, boolean withGrants) {
        return Redactor.redact("agentguard: denied " + category.wireName() + " " + op + " " + target
                + " (rule " + decision.rule() + "): " + (withGrants ? decision.reasonWithGrants() : decision.reason()));
    }

    private void record(AuditDecision decision, Category category, String op, String target, Decision why) {
        record(decision, category, op, target, why, null);
    }

    private void record(AuditDecision decision, Category category, String op, String target, Decision why,
                        Map<String, ?> details) {
        AuditRecord record = AuditRecord.builder(decision, category, op, target)
                .rule(why.rule())
                .reason(why.reason())
                .thread(Thread.currentThread().getName())
                .caller(CallerFinder.find())
                .details(withGranted(details, why))
                .build();
        write(record, category, op);
        if (console != null && decision != AuditDecision.ALLOW) {
            console.show(why.rule(), category.wireName() + " " + target, consoleLine(decision, category, op, target, why));
        }
    }

    /** The record's details with {@code granted}, what the section grants instead, when the decision has it. */
    private static Map<String, ?> withGranted(Map<String, ?> details, Decision why) {
        if (why.allowed() || why.granted() == null) {
            return details;
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>();
        if (details != null) {
            merged.putAll(details);
        }
        merged.put("granted", why.granted());
        return merged;
    }

    /** The console line: the denial message with what is granted instead ({@code would deny} in audit mode). */
    private static String consoleLine(AuditDecision decision, Category category, String op, String target, Decision why) {
        String line = message(category, op, target, why, true);
        return decision == AuditDecision.WOULD_DENY
                ? "agentguard: would deny" + line.substring("agentguard: denied".length()) : line;
    }

    private void write(AuditRecord record, Category category, String op) {
        try {
            log.write(record);
        } catch (IOException | RuntimeException e) {
            throw notWritten(category, op, e);
        }
    }

    private static GuardDeniedException notWritten(Category category, String op, Exception e) {
        return new GuardDeniedException("agentguard: denied " + category.wireName() + " " + op
                + " (rule guard-error): the audit record could not be written (" + e.getClass().getSimpleName()
                + "), and a call that cannot be recorded is denied", "guard-error");
    }

    public void writeStart(Map<String, ?> details) throws IOException {
        log.writeStart(details);
    }

    public void writeSummary(Map<String, ?> details) throws IOException {
        log.writeSummary(details);
    }
}
