package dev.agentguard.agent.enforce;

import dev.agentguard.agent.audit.FixedDetails;
import dev.agentguard.policy.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVM's own environment as the policy splits it, worked out once. Java cannot change a JVM's environment
 * and the policy does not change, so what a child inherits is the same at every start: each variable is
 * stripped, hidden or passed, and the two records of a whole-environment read (the names hidden, the names
 * passed) are the same too. Deciding and sorting every variable, and building the records' texts, again at
 * each {@code ProcessBuilder.start} cost more than the start's own check (docs/design/startup.md, "Process
 * start").
 *
 * <p>Only the verdicts and the texts are kept; every start still records its reads (counted or collapsed by
 * the audit log as before). A name this JVM's environment did not have at start (impossible from Java; a
 * variable added through native {@code setenv} is not in the JDK's copy either) is decided by the policy as
 * before.
 */
final class InheritedVariables {
    static final byte STRIPPED = 0;
    static final byte HIDDEN = 1;
    static final byte PASSED = 2;

    private final Map<String, Byte> verdicts;
    private final Names hidden;
    private final Names passed;

    private InheritedVariables(Map<String, Byte> verdicts, Names hidden, Names passed) {
        this.verdicts = verdicts;
        this.hidden = hidden;
        this.passed = passed;
    }

    /** Decides every variable of {@code environment} (the JVM's own) once with {@code decide}. */
    static InheritedVariables of(Map<String, String> environment, java.util.function.ToIntFunction<String> decide) {
        Map<String, Byte> verdicts = new HashMap<>();
        List<String> hidden = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (String name : environment.keySet()) {
            byte verdict = (byte) decide.applyAsInt(name);
            verdicts.put(name, verdict);
            if (verdict == HIDDEN) {
                hidden.add(name);
            } else if (verdict == PASSED) {
                passed.add(name);
            }
        }
        return new InheritedVariables(verdicts, Names.hidden(hidden), Names.passed(passed));
    }

    /** The verdict on a variable of the JVM's environment, or -1 for a name it did not have. */
    int verdict(String name) {
        Byte verdict = verdicts.get(name);
        return verdict == null ? -1 : verdict;
    }

    /** The record of the JVM's variables that {@code env.read} does not grant (all of them). */
    Names hidden() {
        return hidden;
    }

    /** The record of the JVM's variables that {@code env.read} grants (all of them). */
    Names passed() {
        return passed;
    }

    /** The record of {@code names} hidden: the one made at start when they are the same names. */
    Names hidden(List<String> names) {
        return hidden.sameAs(names) ? hidden : Names.hidden(names);
    }

    /** The record of {@code names} passed: the one made at start when they are the same names. */
    Names passed(List<String> names) {
        return passed.sameAs(names) ? passed : Names.passed(names);
    }

    /** The names of one whole-environment read's record, sorted, with the record's target, decision and details. */
    static final class Names {
        final List<String> sorted;
        private final Set<String> set;
        final String target;
        final Decision decision;
        final Map<String, Object> details;
        /**
         * The audit log's key of the last record of these names written in full as a child's inherited hidden
         * variables ({@link Verdicts#hiddenInherited}); null before the first.
         */
        volatile String writtenKey;

        private Names(List<String> names, String target, Decision decision) {
            this.sorted = names;
            this.set = new HashSet<>(names);
            this.target = target;
            this.decision = decision;
            // The names again as a list, so that `guard.jar suggest` need not parse the reason.
            this.details = new FixedDetails(Map.of("names", new TextList(names)));
        }

        static Names hidden(List<String> names) {
            List<String> sorted = sorted(names);
            return new Names(sorted, sorted.size() + (sorted.size() == 1 ? " variable" : " variables"),
                    Decision.deny("default-deny", "not granted by env.read: " + String.join(", ", sorted)));
        }

        static Names passed(List<String> names) {
            List<String> sorted = sorted(names);
            String target = String.join(", ", sorted);
            return new Names(sorted, target, Decision.allow("env.read", "granted by env.read: " + target));
        }

        private static List<String> sorted(List<String> names) {
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            return List.copyOf(sorted);
        }

        /** The same names, in any order (names in one environment are distinct). */
        boolean sameAs(List<String> names) {
            if (names.size() != set.size()) {
                return false;
            }
            for (String name : names) {
                if (!set.contains(name)) {
                    return false;
                }
            }
            return true;
        }

        boolean isEmpty() {
            return sorted.isEmpty();
        }
    }

    /**
     * An unmodifiable list that keeps its text: the audit log's key for collapsing repeated records holds
     * the details' text, and these lists are written with every child start.
     */
    static final class TextList extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final List<String> names;
        private final String text;

        TextList(List<String> names) {
            this.names = names;
            this.text = names.toString();
        }

        @Override
        public String get(int index) {
            return names.get(index);
        }

        @Override
        public int size() {
            return names.size();
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
