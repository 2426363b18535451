package dev.agentguard.policy.file;

/**
 * The fast matcher of a pattern of the form {@code **}{@code /NAME}, NAME one segment other than
 * {@code **}: the shape of the secret set's deny rules ({@code **}{@code /.env}, {@code **}{@code /*.pem},
 * {@code **}{@code /*secret*}).
 *
 * <p>Why: matched as any other pattern, such a rule walks the path segment by segment from the root
 * ({@code **} may stop at any depth), and an allowed path must be checked against every deny rule. But
 * every segment NAME matches contains a fixed piece of NAME's literal text (its leading literal, right
 * after the {@code /} that starts the segment, or else its longest literal run), so one
 * {@link String#indexOf(String, int)} (a vectorized JDK intrinsic) over the whole path rejects almost
 * every path; only a segment that holds the piece is matched against NAME in full. The answers are
 * exactly those of the segment walk ({@code GlobAlternativeTest} compares them).
 */
final class AnyDepthName {
    private final GlobSegment name;
    /** Literal text every segment NAME matches contains; starts with {@code /} when {@link #anchored}. */
    private final String piece;
    /** The piece is {@code /} + NAME's leading literal: a segment holding it starts right after its slash. */
    private final boolean anchored;

    private AnyDepthName(GlobSegment name, String piece, boolean anchored) {
        this.name = name;
        this.piece = piece;
        this.anchored = anchored;
    }

    /**
     * The fast matcher for {@code segments} when they are {@code **} followed by one NAME segment with
     * some literal text, else {@code null} (a NAME of wildcards only, like {@code *}, has no piece to
     * search for and keeps the segment walk).
     */
    static AnyDepthName of(GlobSegment[] segments) {
        if (segments.length != 2 || !segments[0].isAnyDepth() || segments[1].isAnyDepth()) {
            return null;
        }
        GlobSegment name = segments[1];
        if (name.isLiteral()) {
            return new AnyDepthName(name, "/" + name.literalText(), true);
        }
        String leading = name.leadingLiteral();
        if (!leading.isEmpty()) {
            return new AnyDepthName(name, "/" + leading, true);
        }
        String longest = name.longestLiteralRun();
        return longest.isEmpty() ? null : new AnyDepthName(name, longest, false);
    }

    /** The first character of every segment NAME matches, or -1 when NAME starts with a wildcard. */
    int firstChar() {
        return name.firstChar();
    }

    /** The last character of every segment NAME matches, or -1 when NAME ends with a wildcard. */
    int lastChar() {
        return name.lastChar();
    }

    /** Literal text every segment NAME matches contains (after a {@code /} when NAME has a leading literal). */
    String piece() {
        return piece;
    }

    /**
     * Whether NAME matches some segment of {@code path} (absolute): the path or one of its ancestors
     * matches {@code **}{@code /NAME}. The root {@code /} has no segment.
     */
    boolean matchesAnySegment(String path) {
        int len = path.length();
        int from = 0;
        while (from < len) {
            int at = path.indexOf(piece, from);
            if (at < 0) {
                return false;
            }
            int start = anchored ? at + 1 : path.lastIndexOf('/', at) + 1;
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = len;
            }
            if (name.matches(path, start, end)) {
                return true;
            }
            // the piece holds no slash past its first character: later hits lie in later segments
            from = end;
        }
        return false;
    }

    /** Whether NAME matches the last segment of {@code path} (absolute): the path matches {@code **}{@code /NAME}. */
    boolean matchesLastSegment(String path) {
        int len = path.length();
        return len > 1 && name.matches(path, path.lastIndexOf('/') + 1, len);
    }
}
