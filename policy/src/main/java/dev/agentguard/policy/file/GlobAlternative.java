package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One brace-free alternative of a path pattern, compiled into segments, with the matcher.
 *
 * <p>The pattern is normalized as a path would be: duplicate and trailing slashes go, {@code .} goes,
 * and {@code ..} removes the literal segment before it (so {@code ${workdir}/../shared/**} works); a
 * {@code ..} after a wildcard has no single meaning and is an error. A pattern that begins with
 * {@code **}{@code /} is anchored at {@code /}, so it matches at any depth.
 *
 * <p>Matching walks the path by index with one backtrack point for the last {@code **} (every other
 * segment consumes exactly one path segment, so one backtrack point is enough), after a
 * {@code startsWith} check on the literal prefix. It allocates nothing. Two common shapes skip the walk
 * with the same answers: a tree ({@code /a/b/**}) is a prefix and boundary check, and
 * {@code **}{@code /NAME} is searched for by {@link AnyDepthName}.
 */
final class GlobAlternative {
    private final GlobSegment[] segments;
    /** Literal text every matching path starts with ({@code ""} when the pattern starts with {@code **}). */
    private final String prefix;
    /** All segments literal: {@link #prefix} is the whole path the pattern names. */
    private final boolean literal;
    /**
     * Literal segments then a final {@code **} ({@code /a/b/**}): {@link #prefix} is the tree's root, and a
     * path matches when it is the root or lies below it, which no segment walk is needed to tell.
     */
    private final boolean tree;
    /** The fast matcher when the pattern is {@code **}{@code /NAME}, else {@code null}. */
    private final AnyDepthName anyDepthName;

    private GlobAlternative(GlobSegment[] segments) {
        this.segments = segments;
        StringBuilder sb = new StringBuilder();
        boolean allLiteral = true;
        for (GlobSegment s : segments) {
            if (s.isLiteral()) {
                sb.append('/').append(s.literalText());
                continue;
            }
            allLiteral = false;
            if (!s.isAnyDepth()) {
                sb.append('/').append(s.leadingLiteral());
            }
            break;
        }
        this.literal = allLiteral;
        this.prefix = allLiteral && sb.length() == 0 ? "/" : sb.toString();
        this.tree = segments.length > 0 && segments[segments.length - 1].isAnyDepth()
                && literalSegments(segments) == segments.length - 1;
        this.anyDepthName = AnyDepthName.of(segments);
    }

    private static int literalSegments(GlobSegment[] segments) {
        int n = 0;
        while (n < segments.length && segments[n].isLiteral()) {
            n++;
        }
        return n;
    }

    /**
     * Compiles one expanded alternative; {@code original} is the pattern as given, for messages.
     */
    static GlobAlternative parse(String alt, String original) throws PatternException {
        boolean absolute = alt.startsWith("/") || alt.startsWith("\\/");
        List<GlobSegment> segments = new ArrayList<>();
        int[] codes = new int[alt.length()];
        int n = 0;
        boolean first = true;
        for (int i = 0; i <= alt.length(); i++) {
            char c = i < alt.length() ? alt.charAt(i) : '/';
            if (c == '\\' && alt.charAt(i + 1) != '/') {
                codes[n++] = alt.charAt(++i);
                continue;
            }
            if (c == '\\') {
                i++;
                c = '/';
            }
            if (c != '/') {
                codes[n++] = c == '*' ? GlobSegment.STAR : c == '?' ? GlobSegment.ONE : c;
                continue;
            }
            if (n == 0) {
                continue;
            }
            GlobSegment segment = segment(Arrays.copyOf(codes, n), original);
            n = 0;
            if (first && !absolute && !segment.isAnyDepth()) {
                throw relative(original);
            }
            first = false;
            add(segments, segment, original);
        }
        if (!absolute && first) {
            throw relative(original);
        }
        return new GlobAlternative(segments.toArray(new GlobSegment[0]));
    }

    private static GlobSegment segment(int[] codes, String original) throws PatternException {
        if (codes.length == 2 && codes[0] == GlobSegment.STAR && codes[1] == GlobSegment.STAR) {
            return GlobSegment.ANY_DEPTH;
        }
        boolean literal = true;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                literal = false;
            }
            if (i > 0 && codes[i] == GlobSegment.STAR && codes[i - 1] == GlobSegment.STAR) {
                throw new PatternException("'**' must be a whole path segment in path pattern '" + original
                        + "' (as in /a/**/b); use * to match within a segment");
            }
        }
        if (!literal) {
            return GlobSegment.wildcard(codes);
        }
        StringBuilder sb = new StringBuilder(codes.length);
        for (int c : codes) {
            sb.append((char) c);
        }
        return GlobSegment.literal(sb.toString());
    }

    private static void add(List<GlobSegment> segments, GlobSegment segment, String original)
            throws PatternException {
        if (segment.isLiteral() && segment.literalText().equals(".")) {
            return;
        }
        if (segment.isLiteral() && segment.literalText().equals("..")) {
            if (segments.isEmpty()) {
                return;
            }
            if (!segments.get(segments.size() - 1).isLiteral()) {
                throw new PatternException("'..' after a wildcard in path pattern '" + original
                        + "' has no single meaning; write the path without it");
            }
            segments.remove(segments.size() - 1);
            return;
        }
        segments.add(segment);
    }

    private static PatternException relative(String original) {
        return new PatternException("relative path pattern '" + original
                + "': a pattern must be absolute (start with / or a ${variable}) or begin with **/");
    }

    /** Literal text every path this alternative matches (or that has a matching ancestor) starts with. */
    String prefix() {
        return prefix;
    }

    /** The fast matcher when the pattern is {@code **}{@code /NAME}, else {@code null}. */
    AnyDepthName anyDepthName() {
        return anyDepthName;
    }

    /**
     * Whether {@code path} (absolute, normalized) matches, or with {@code orAncestor} whether the path or
     * one of its ancestor directories does.
     */
    boolean matches(String path, boolean orAncestor) {
        if (anyDepthName != null) {
            return orAncestor ? anyDepthName.matchesAnySegment(path) : anyDepthName.matchesLastSegment(path);
        }
        if (!path.startsWith(prefix)) {
            return false;
        }
        int l = prefix.length();
        if (literal) {
            return path.length() == l || orAncestor && (l == 1 || path.charAt(l) == '/');
        }
        if (tree) {
            // the root itself, or below it; for /** (prefix "") every absolute path
            return path.length() == l || path.charAt(l) == '/';
        }
        return walk(path, orAncestor);
    }

    /**
     * The general matcher: walks the path segment by segment. Package-private so that tests can compare
     * the fast matchers with it.
     */
    boolean walk(String path, boolean orAncestor) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        int len = path.length();
        if (literal) {
            int l = prefix.length();
            return len == l || orAncestor && (l == 1 || path.charAt(l) == '/');
        }
        GlobSegment[] segs = segments;
        int n = segs.length;
        int k = 0;
        // pos is the index of the '/' before the next path segment, or len when none is left.
        int pos = len == 1 ? 1 : 0;
        int starK = -1;
        int starPos = -1;
        while (true) {
            if (k == n) {
                if (pos == len || orAncestor) {
                    return true;
                }
            } else if (segs[k].isAnyDepth()) {
                starK = k++;
                starPos = pos;
                continue;
            } else if (pos < len) {
                int end = segmentEnd(path, pos);
                if (segs[k].matches(path, pos + 1, end)) {
                    k++;
                    pos = end;
                    continue;
                }
            }
            if (starK < 0 || starPos >= len) {
                return false;
            }
            starPos = segmentEnd(path, starPos);
            pos = starPos;
            k = starK + 1;
        }
    }

    private static int segmentEnd(String path, int slash) {
        int end = path.indexOf('/', slash + 1);
        return end < 0 ? path.length() : end;
    }
}
