package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.file.PathGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A glob over resolved program paths, with the syntax of file path globs ({@link PathGlob}): {@code *}
 * and {@code ?} stay within one path segment, a {@code **} segment matches any number of segments
 * (also none), {@code {a,b}} gives alternatives, {@code \x} a literal {@code x}.
 *
 * <p>What this adds to {@link PathGlob} is stricter checks and link resolution. A resolved program path
 * has no {@code .}, {@code ..} or empty segment, so a glob with one could never match; it is rejected
 * rather than normalized. It is matched against the program the child would really run, which is a real
 * path (links resolved). So that {@code /bin/*} still means what its author sees on disk where
 * {@code /bin} links to {@code usr/bin}, the literal directory part of each alternative is also resolved
 * through its links when the policy loads, and both forms are tried.
 *
 * <p>Matching asks each compiled form in turn; {@link PathGlob#matches} allocates nothing.
 */
final class ProgramGlob {
    private final PathGlob[] forms;

    private ProgramGlob(PathGlob[] forms) {
        this.forms = forms;
    }

    /**
     * Compiles a program path glob, which must be absolute or start with {@code **}.
     *
     * @param what how to name the value in an error
     */
    static ProgramGlob compile(String glob, String what) throws PatternException {
        List<PathGlob> forms = new ArrayList<>();
        for (String alt : Braces.expand(glob, what)) {
            List<String> raw = split(alt);
            check(alt, raw, what);
            forms.add(compileForm(alt, what));
            String viaLinks = resolvedForm(raw);
            if (viaLinks != null) {
                forms.add(compileForm(viaLinks, what));
            }
        }
        return new ProgramGlob(forms.toArray(new PathGlob[0]));
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
            // Unescaped, since PathGlob normalizes a written \. or \.. away like . and ..
            String plain = unescape(seg);
            if (plain.equals(".") || plain.equals("..")) {
                throw new PatternException(what + ": '" + seg + "' segment in '" + alt
                        + "' (programs are matched by their resolved path, which has none)");
            }
            if (plain.indexOf('/') >= 0) {
                // PathGlob reads \/ as a separator; a segment of a real path never holds a '/'.
                throw new PatternException(what + ": '" + seg + "' segment in '" + alt
                        + "' escapes a '/', which a path segment cannot contain");
            }
            if (!seg.equals("**") && seg.contains("**")) {
                throw new PatternException(what + ": '**' must be a whole path segment, as in /opt/**/bin/*");
            }
        }
    }

    private static String unescape(String seg) {
        if (seg.indexOf('\\') < 0) {
            return seg;
        }
        StringBuilder sb = new StringBuilder(seg.length());
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            sb.append(c == '\\' && i + 1 < seg.length() ? seg.charAt(++i) : c);
        }
        return sb.toString();
    }

    /** {@link #check} has ruled out what PathGlob would refuse; anything left still fails closed, named. */
    private static PathGlob compileForm(String pattern, String what) throws PatternException {
        try {
            return PathGlob.compile(pattern);
        } catch (PatternException e) {
            throw new PatternException(what + ": " + e.getMessage());
        }
    }

    /**
     * The alternative with its literal leading directories replaced by their real path, or null when
     * that changes nothing or they do not exist. A fully literal alternative resolves as a program.
     */
    private static String resolvedForm(List<String> raw) {
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
        StringBuilder form = new StringBuilder(PathGlob.escape(real));
        for (int i = dirEnd; i < raw.size(); i++) {
            form.append('/').append(raw.get(i));
        }
        return form.toString();
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
        for (PathGlob form : forms) {
            if (form.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
