package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands {@code {a,b}} alternatives of a glob into plain globs when the policy is compiled.
 *
 * <p>Expanding up front keeps the matchers simple and allocation-free: a call only walks a small
 * array of alternatives. Escapes ({@code \x}) are kept in the output so that the next stage still
 * treats {@code \*} as a literal star; an escaped brace or comma is not a brace or comma.
 */
final class Braces {
    /** More alternatives than this is almost certainly a mistake and would slow every check. */
    static final int MAX_ALTERNATIVES = 256;

    private Braces() {
    }

    /**
     * Returns the alternatives of {@code glob}; a glob without braces gives itself.
     *
     * @param what how to name the value in an error, e.g. {@code argument 2 'x{a'}
     */
    static List<String> expand(String glob, String what) throws PatternException {
        checkSyntax(glob, what);
        List<String> out = new ArrayList<>();
        expandInto("", glob, out, what);
        return out;
    }

    private static void checkSyntax(String glob, String what) throws PatternException {
        int depth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                if (i + 1 == glob.length()) {
                    throw new PatternException(what + ": ends with a lone '\\' (write '\\\\' for a backslash)");
                }
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    throw new PatternException(what + ": '}' without a matching '{' (write '\\}' for a literal brace)");
                }
                depth--;
            }
        }
        if (depth != 0) {
            throw new PatternException(what + ": unclosed '{' (write '\\{' for a literal brace)");
        }
    }

    /** Expands the first top-level group of {@code rest}, then recurses on what follows it. */
    private static void expandInto(String prefix, String rest, List<String> out, String what)
            throws PatternException {
        int open = -1;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            if (out.size() == MAX_ALTERNATIVES) {
                throw new PatternException(what + ": more than " + MAX_ALTERNATIVES
                        + " alternatives after expanding braces");
            }
            out.add(prefix + rest);
            return;
        }
        List<String> options = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        int close = -1;
        for (int i = open + 1; i < rest.length() && close < 0; i++) {
            char c = rest.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    options.add(rest.substring(start, i));
                    close = i;
                } else {
                    depth--;
                }
            } else if (c == ',' && depth == 0) {
                options.add(rest.substring(start, i));
                start = i + 1;
            }
        }
        String head = prefix + rest.substring(0, open);
        String tail = rest.substring(close + 1);
        for (String option : options) {
            // An option may itself hold groups; expanding option + tail handles both.
            expandInto(head, option + tail, out, what);
        }
    }
}
