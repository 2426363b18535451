package dev.agentguard.policy.process;

/**
 * The compiled first element of an argv pattern: which program files it grants or denies.
 *
 * <p>Either one file, fixed when the policy loaded (a bare name found on {@code PATH}, or an absolute
 * path, both with links resolved), or a path glob. Built by
 * {@link ProgramResolver#resolveForPolicy(String, String)}. Matching compares against the program the
 * child would really run, never against the name the application wrote.
 */
public final class ProgramPattern {
    private final String written;
    private final String resolved;
    private final PathGlob glob;
    private final String problem;

    private ProgramPattern(String written, String resolved, PathGlob glob, String problem) {
        this.written = written;
        this.resolved = resolved;
        this.glob = glob;
        this.problem = problem;
    }

    static ProgramPattern file(String written, String resolvedOrNull, String problemIfMissing) {
        return new ProgramPattern(written, resolvedOrNull, null, resolvedOrNull == null ? problemIfMissing : null);
    }

    static ProgramPattern glob(String written, PathGlob glob) {
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

    /** Whether {@code resolvedProgram} (a real path, or null) is this program. Allocates nothing. */
    public boolean matches(String resolvedProgram) {
        if (resolvedProgram == null) {
            return false;
        }
        return glob != null ? glob.matches(resolvedProgram) : resolvedProgram.equals(resolved);
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
