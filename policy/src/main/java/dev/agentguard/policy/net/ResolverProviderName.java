package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * A {@code network.resolver} entry: the binary name of a Java class ({@code com.example.DohProvider},
 * {@code com.example.Outer$Provider}), compared exactly. No wildcards: trusting a resolver is trusting one
 * piece of code.
 */
final class ResolverProviderName {
    private ResolverProviderName() {}

    /** Returns the name when it is a valid binary class name; throws a {@link PatternException} otherwise. */
    static String check(String name) throws PatternException {
        if (name == null || name.isEmpty()) {
            throw new PatternException("a network.resolver entry must name a class, such as com.example.DohProvider");
        }
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    throw invalid(name);
                }
                segmentStart = true;
            } else if (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                segmentStart = false;
            } else {
                throw invalid(name);
            }
        }
        if (segmentStart) {
            throw invalid(name);
        }
        return name;
    }

    private static PatternException invalid(String name) {
        return new PatternException("'" + Summaries.oneLine(name) + "' is not a Java class name; a network.resolver"
                + " entry names the provider class exactly, such as com.example.DohProvider");
    }
}
