package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;

import java.util.List;

/**
 * A compiled glob over absolute, normalized paths (POLICY.md section 4).
 *
 * <p>Syntax: {@code *} matches any characters within one segment (dots included, so {@code **}{@code /*secret*}
 * also matches {@code .secret}); {@code **} as a whole segment matches any number of segments, zero
 * included (so {@code /a/**} matches {@code /a} itself); {@code ?} matches one character other than
 * {@code /}; {@code {a,b}} matches either alternative (alternatives may contain {@code /} and nest);
 * {@code \} makes the next character literal. Character classes ({@code [..]}) are not special.
 * Matching is case-sensitive.
 *
 * <p>The pattern must be absolute once the caller has expanded its variables, or begin with
 * {@code **}{@code /}, meaning "at any depth"; {@code **} alone means every path. Duplicate and trailing
 * slashes, {@code .} and {@code ..} after a literal segment are normalized away.
 *
 * <p>Why hand-written and not a regex: the guard matches on every file operation of the application, so
 * {@link #matches} and {@link #matchesSelfOrAncestor} walk the string by index, reject early on a
 * literal prefix, and allocate nothing. Instances are immutable and thread-safe.
 */
public final class PathGlob {
    private final String pattern;
    private final GlobAlternative[] alternatives;

    private PathGlob(String pattern, GlobAlternative[] alternatives) {
        this.pattern = pattern;
        this.alternatives = alternatives;
    }

    /**
     * Compiles a pattern whose variables ({@code ${home}}) and leading {@code ~/} the caller has already
     * expanded.
     *
     * @throws PatternException when the pattern is empty, relative, has an unclosed or a stray brace, a
     *     trailing backslash, a {@code **} that is not a whole segment, a {@code ..} after a wildcard, or
     *     expands to more than 256 alternatives
     */
    public static PathGlob compile(String expandedPattern) throws PatternException {
        if (expandedPattern == null || expandedPattern.isEmpty()) {
            throw new PatternException("empty path pattern");
        }
        List<String> expanded = BraceExpansion.expand(expandedPattern);
        GlobAlternative[] alternatives = new GlobAlternative[expanded.size()];
        for (int i = 0; i < alternatives.length; i++) {
            alternatives[i] = GlobAlternative.parse(expanded.get(i), expandedPattern);
        }
        return new PathGlob(expandedPattern, alternatives);
    }

    /** Escapes every glob metacharacter of a literal path, so that it compiles to a pattern matching just it. */
    public static String escape(String literalPath) {
        StringBuilder sb = new StringBuilder(literalPath.length() + 8);
        for (int i = 0; i < literalPath.length(); i++) {
            char c = literalPath.charAt(i);
            if (c == '\\' || c == '*' || c == '?' || c == '{' || c == '}' || c == ',') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Whether {@code path} matches. The path must be absolute and normalized (no {@code .}, {@code ..},
     * duplicate or trailing slash, except the root {@code /}); any other string never matches.
     */
    public boolean matches(String path) {
        return match(path, false);
    }

    /**
     * Whether {@code path} or any of its ancestor directories matches. Deny rules use this: denying
     * {@code /x/.ssh} or {@code **}{@code /*secret*} also denies everything below a matching directory.
     */
    public boolean matchesSelfOrAncestor(String path) {
        return match(path, true);
    }

    private boolean match(String path, boolean orAncestor) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (GlobAlternative a : alternatives) {
            if (a.matches(path, orAncestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The NAMEs when every alternative is of the form {@code **}{@code /NAME} with some literal text in
     * NAME ({@code **}{@code /{.env,.env.*}}), else {@code null}: such a glob matches a path or one of its
     * ancestors exactly when one of the NAMEs matches one of the path's segments.
     */
    List<AnyDepthName> anyDepthNames() {
        AnyDepthName[] names = new AnyDepthName[alternatives.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = alternatives[i].anyDepthName();
            if (names[i] == null) {
                return null;
            }
        }
        return List.of(names);
    }

    /** Literal text every path this glob matches (or that has a matching ancestor) starts with; may be empty. */
    String literalPrefix() {
        String common = alternatives[0].prefix();
        for (GlobAlternative a : alternatives) {
            int n = 0;
            String p = a.prefix();
            while (n < common.length() && n < p.length() && common.charAt(n) == p.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common;
    }

    /** The pattern as given to {@link #compile}. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
