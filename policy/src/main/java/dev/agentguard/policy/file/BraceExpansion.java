package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the escapes and braces of a path pattern and expands {@code {a,b}} alternatives into plain
 * patterns, at compile time.
 *
 * <p>Why expand instead of matching braces lazily: an alternative may contain {@code /}, so it can span
 * several segments; expanding once keeps the matcher a simple segment walk with no allocation. The
 * number of expansions is capped so that a pattern like {@code {a,b}{a,b}{a,b}...} cannot blow up the
 * policy. Escapes ({@code \x}) are kept in the expanded text for {@link GlobAlternative} to read.
 */
final class BraceExpansion {
    /** The most plain patterns one pattern may expand to. */
    static final int MAX_ALTERNATIVES = 256;

    private BraceExpansion() {
    }

    /** Returns the distinct expansions of {@code pattern}, in order; fails on a brace or escape error. */
    static List<String> expand(String pattern) throws PatternException {
        checkEscapesAndBraces(pattern);
        Set<String> out = new LinkedHashSet<>();
        expandInto(pattern, pattern, out);
        return new ArrayList<>(out);
    }

    private static void checkEscapesAndBraces(String p) throws PatternException {
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i == p.length() - 1) {
                    throw new PatternException("path pattern '" + p + "' ends with '\\', which escapes nothing");
                }
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    throw new PatternException("unmatched '}' in path pattern '" + p + "'");
                }
                depth--;
            }
        }
        if (depth > 0) {
            throw new PatternException("unclosed '{' in path pattern '" + p + "'");
        }
    }

    private static void expandInto(String s, String original, Set<String> out) throws PatternException {
        int open = -1;
        int close = -1;
        int depth = 0;
        List<Integer> commas = new ArrayList<>();
        for (int i = 0; i < s.length() && close < 0; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            } else if (c == '}' && depth > 0 && --depth == 0) {
                close = i;
            }
        }
        if (open < 0) {
            out.add(s);
            if (out.size() > MAX_ALTERNATIVES) {
                throw new PatternException("path pattern '" + original + "' expands to more than "
                        + MAX_ALTERNATIVES + " alternatives");
            }
            return;
        }
        String prefix = s.substring(0, open);
        String suffix = s.substring(close + 1);
        int from = open + 1;
        for (int k = 0; k <= commas.size(); k++) {
            int to = k < commas.size() ? commas.get(k) : close;
            expandInto(prefix + s.substring(from, to) + suffix, original, out);
            from = to + 1;
        }
    }
}
