package dev.agentguard.policy.process;

/**
 * The compiled first element of an argv pattern: which program files it grants or denies.
 *
 * <p>Either one file, fixed when the policy loaded (a bare name found on {@code PATH}, or an absolute
 * path, both with links resolved), or a path glob. Built by
 * {@link ProgramResolver#resolveForPolicy(String, String)}. Matching compares against the program the
 * child would really run, never against the name the application wrote.
 *
 * <p>For a named file there is one more condition: the file name of {@code argv[0]} must be the file
 * name written in the policy. Multi-call programs (busybox, toybox) choose what to do from
 * {@code argv[0]}, so where {@code ls} and {@code rm} are links to one file, comparing files alone would
 * let {@code rm -rf /} pass a grant for {@code ["ls", "**"]}. The cost is that a grant for
 * {@code python3} does not cover a start written as {@code python3.11}; the denial says why. A glob
 * grants by path only: whoever writes {@code /usr/bin/*} grants whatever runs from there.
 */
public final class ProgramPattern {
    private final String written;
    private final String resolved;
    private final ProgramGlob glob;
    private final String problem;
    /** The file name part of {@link #written}, which {@code argv[0]} must carry; null for a glob. */
    private final String name;

    private ProgramPattern(String written, String resolved, ProgramGlob glob, String problem) {
        this.written = written;
        this.resolved = resolved;
        this.glob = glob;
        this.problem = problem;
        this.name = glob != null ? null : written.substring(written.lastIndexOf('/') + 1);
    }

    static ProgramPattern file(String written, String resolvedOrNull, String problemIfMissing) {
        return new ProgramPattern(written, resolvedOrNull, null, resolvedOrNull == null ? problemIfMissing : null);
    }

    static ProgramPattern glob(String written, ProgramGlob glob) {
        return new ProgramPattern(written, null, glob, null);
    }

    /** The value as written in the policy (variables expanded). */
    public String written() {
        return written;
    }

    /** The file this names (real path), or null for a glob or a program not found at load. */
    public String resolved() {
        return resolved;
    }

    public boolean isGlob() {
        return glob != null;
    }

    /** False when a bare name or absolute path named no executable file at load; it then never matches. */
    public boolean found() {
        return glob != null || resolved != null;
    }

    /** Whether {@code resolvedProgram} (a real path, or null) is this program's file. Allocates nothing. */
    public boolean matches(String resolvedProgram) {
        if (resolvedProgram == null) {
            return false;
        }
        return glob != null ? glob.matches(resolvedProgram) : resolvedProgram.equals(resolved);
    }

    /**
     * Whether a start of {@code resolvedProgram} named {@code argv0} is this program: the same file and,
     * for a named file, {@code argv0}'s file name is the written name. Allocates nothing.
     */
    public boolean matches(String resolvedProgram, String argv0) {
        return matches(resolvedProgram) && (glob != null || nameIs(argv0));
    }

    /** The file name {@code argv[0]} must carry, or null for a glob. */
    String name() {
        return name;
    }

    /** Whether the file name of {@code argv0} is the written program's file name. */
    boolean nameIs(String argv0) {
        if (argv0 == null || name == null) {
            return false;
        }
        int slash = argv0.lastIndexOf('/');
        return argv0.length() - slash - 1 == name.length() && argv0.startsWith(name, slash + 1);
    }

    /**
     * Whether the file name of {@code path} is this pattern's bare name ({@code git} for
     * {@code /tmp/x/git}); always false for globs and paths. Used where a looser match is the safe one.
     */
    boolean sameBareName(String path) {
        if (path == null || glob != null || written.indexOf('/') >= 0) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        int len = path.length() - slash - 1;
        return len == written.length() && path.startsWith(written, slash + 1);
    }

    /** The program as written, with a note when it named nothing at load: {@code git (not found on PATH when the policy loaded)}. */
    public String describe() {
        return problem == null ? written : written + " (" + problem + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
