package dev.agentguard.policy.net;

/**
 * A compiled {@code unix:GLOB} entry, supplied by the caller.
 *
 * <p>Why an interface: socket paths are globs over file paths, with the same variables, syntax and
 * normalization as {@code files.*}. Compiling them here would duplicate (and sooner or later
 * contradict) the file glob engine, so the loader compiles the glob with that engine and hands the
 * result in. Implementations must be immutable, thread-safe and allocation-free in {@link #matches}.
 */
public interface UnixPathMatcher {
    /** True when the socket path (absolute, normalized by the caller) matches the glob. */
    boolean matches(String path);

    /** The glob as written in the policy, without the {@code unix:} prefix; used in messages. */
    String pattern();

    /**
     * The glob of a {@code unix:GLOB} entry, or null when {@code entryText} is not a Unix socket entry.
     * An entry that starts with {@code unix:} is always a socket entry (never a host named "unix").
     */
    static String globOf(String entryText) {
        return entryText != null && entryText.startsWith("unix:") ? entryText.substring(5) : null;
    }
}
