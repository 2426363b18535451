package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A glob over resolved program paths: {@code *} and {@code ?} stay within one path segment,
 * a {@code **} segment matches any number of segments (also none), {@code {a,b}} gives alternatives.
 *
 * <p>It is matched against the program the child would really run, which is a real path (links
 * resolved). So that {@code /bin/*} still means what its author sees on disk where {@code /bin} links
 * to {@code usr/bin}, the literal directory part of each alternative is also resolved through its
 * links when the policy loads, and both forms are tried.
 *
 * <p>Matching walks the path in place segment by segment (backtracking only to the last
 * {@code **}); it allocates nothing.
 */
final class PathGlob {
    /** One alternative: its segments, where {@code null} stands for {@code **}. */
    private final SegmentGlob[][] alternatives;

    private PathGlob(SegmentGlob[][] alternatives) {
        this.alternatives = alternatives;
    }

    /**
     * Compiles a program path glob, which must be absolute or start with {@code **}.
     *
     * @param what how to name the value in an error
     */
    static PathGlob compile(String glob, String what) throws PatternException {
        List<SegmentGlob[]> alts = new ArrayList<>();
        for (String alt : Braces.expand(glob, what)) {
            List<String> raw = split(alt);
            check(alt, raw, what);
            alts.add(compileSegments(raw));
            SegmentGlob[] viaLinks = resolvedForm(raw);
            if (viaLinks != null) {
                alts.add(viaLinks);
            }
        }
        return new PathGlob(alts.toArray(new SegmentGlob[0][]));
    }

    /** Splits at every unescaped {@code /}. */
    private static List<String> split(String alt) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < alt.length(); i++) {
            char c = alt.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '/') {
                out.add(alt.substring(start, i));
                start = i + 1;
            }
        }
        out.add(alt.substring(start));
        return out;
    }

    private static void check(String alt, List<String> raw, String what) throws PatternException {
        boolean absolute = raw.get(0).isEmpty();
        if (!absolute && !raw.get(0).equals("**")) {
            throw new PatternException(what + ": a program glob must be an absolute path or start with '**/'"
                    + (alt.equals(raw.get(0)) ? " (a bare program name cannot be a glob)" : ""));
        }
        for (int i = absolute ? 1 : 0; i < raw.size(); i++) {
            String seg = raw.get(i);
            if (seg.isEmpty()) {
                throw new PatternException(what + ": empty path segment in '" + alt + "'");
            }
            if (seg.equals(".") || seg.equals("..")) {
                throw new PatternException(what + ": '" + seg + "' segment in '" + alt
                        + "' (programs are matched by their resolved path, which has none)");
            }
            if (!seg.equals("**") && seg.contains("**")) {
                throw new PatternException(what + ": '**' must be a whole path segment, as in /opt/**/bin/*");
            }
        }
    }

    private static SegmentGlob[] compileSegments(List<String> raw) {
        SegmentGlob[] segs = new SegmentGlob[raw.size()];
        for (int i = 0; i < segs.length; i++) {
            String s = raw.get(i);
            segs[i] = s.equals("**") ? null : SegmentGlob.compile(s);
        }
        return segs;
    }

    /**
     * The alternative with its literal leading directories replaced by their real path, or null when
     * that changes nothing or they do not exist. A fully literal alternative resolves as a program.
     */
    private static SegmentGlob[] resolvedForm(List<String> raw) {
        if (!raw.get(0).isEmpty()) {
            return null;
        }
        int literal = 1;
        while (literal < raw.size() && isPlain(raw.get(literal))) {
            literal++;
        }
        boolean whole = literal == raw.size();
        int dirEnd = whole ? raw.size() : literal;
        if (dirEnd <= 1) {
            return null;
        }
        String prefix = String.join("/", raw.subList(0, dirEnd));
        String real;
        try {
            Path p = Path.of(prefix);
            if (whole ? !ProgramResolver.isExecutableFile(p) : !Files.isDirectory(p)) {
                return null;
            }
            real = p.toRealPath().toString();
        } catch (IOException | InvalidPathException | SecurityException e) {
            return null;
        }
        if (real.equals(prefix)) {
            return null;
        }
        List<String> realSegs = List.of(real.split("/", -1));
        SegmentGlob[] out = new SegmentGlob[realSegs.size() + raw.size() - dirEnd];
        int k = 0;
        for (String s : realSegs) {
            out[k++] = SegmentGlob.literal(s);
        }
        for (int i = dirEnd; i < raw.size(); i++) {
            String s = raw.get(i);
            out[k++] = s.equals("**") ? null : SegmentGlob.compile(s);
        }
        return out;
    }

    private static boolean isPlain(String seg) {
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    boolean matches(String path) {
        for (SegmentGlob[] alt : alternatives) {
            if (matches(alt, path)) {
                return true;
            }
        }
        return false;
    }

    /** Greedy segment walk; a {@code **} absorbs one more segment each time a later part fails. */
    private static boolean matches(SegmentGlob[] segs, String path) {
        final int n = segs.length;
        final int len = path.length();
        int seg = 0;
        int pos = 0;
        int starSeg = -1;
        int starPos = -1;
        while (pos <= len) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = len;
            }
            if (seg < n && segs[seg] == null) {
                starSeg = seg++;
                starPos = pos;
            } else if (seg < n && segs[seg].matches(path, pos, end)) {
                seg++;
                pos = end + 1;
            } else if (starSeg >= 0) {
                seg = starSeg + 1;
                int e = path.indexOf('/', starPos);
                starPos = (e < 0 ? len : e) + 1;
                pos = starPos;
            } else {
                return false;
            }
        }
        while (seg < n && segs[seg] == null) {
            seg++;
        }
        return seg == n;
    }
}
