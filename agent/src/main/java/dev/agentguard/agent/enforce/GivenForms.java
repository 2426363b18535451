package dev.agentguard.agent.enforce;

import dev.agentguard.policy.file.PathForms;

/**
 * The given forms ({@link PathForms#givenForm}) of relative paths, remembered. A relative text's given form is
 * a pure function of the text and the working directory, which is fixed for the guard's life (the JVM cannot
 * change it, and the start refuses a {@code user.dir} that is not the real working directory), so the same
 * text has the same given form every time. Making it allocates (the working directory joined to the text, then
 * normalized), and a read open made it twice, before the open and after it. Direct-mapped by the text's hash
 * (cached in the {@code String}), bounded, entries immutable; finding one allocates nothing. An absolute text
 * that is already normalized is its own given form and is never stored, and neither is a text longer than
 * {@link #LONGEST_KEPT}: the memories of texts must not keep alive what the application dropped.
 */
final class GivenForms {
    static final int SLOTS = 512;
    /**
     * The longest text (in chars) that the guard's memories of texts (this, {@link NameDecisions}, the names and
     * objects {@link KnownObjects} keeps) keep. The kernel takes a path of at most PATH_MAX (4096) bytes, and a
     * text has at least as many bytes as chars, so a longer relative text is never opened (ENAMETOOLONG): not
     * keeping it costs only making its form again. Keeping it would keep alive, long after the application dropped
     * it, a text of any length, 512 + 1024 + 4096 of them (measured before this bound: 1,000 relative texts of
     * 100,000 chars asked about with {@code File.exists} and a read open kept 135 MB of heap).
     */
    static final int LONGEST_KEPT = 4096;

    private final Entry[] slots = new Entry[SLOTS];
    private final String workdir;

    GivenForms(String workdir) {
        this.workdir = workdir;
    }

    /** The given form of {@code path} (what {@link PathForms#givenForm} returns for it). */
    String of(String path) {
        if (path.startsWith("/") || path.length() > LONGEST_KEPT) {
            return PathForms.givenForm(path, workdir);
        }
        int slot = path.hashCode() & (SLOTS - 1);
        Entry e = slots[slot];
        if (e != null && (e.text == path || e.text.equals(path))) {
            return e.given;
        }
        String given = PathForms.givenForm(path, workdir);
        slots[slot] = new Entry(path, given);
        return given;
    }

    private static final class Entry {
        final String text;
        final String given;

        Entry(String text, String given) {
            this.text = text;
            this.given = given;
        }
    }
}
