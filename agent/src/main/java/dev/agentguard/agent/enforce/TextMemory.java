package dev.agentguard.agent.enforce;

/**
 * Values remembered by text, for the check-time memories whose answer is a pure function of the text
 * ({@link NameDecisions}, {@link GivenForms}). Direct-mapped by the text's hash (cached in the {@code String}),
 * bounded, entries immutable: finding one allocates nothing, a collision only evicts, and two threads filling one
 * slot only evict each other. A text longer than {@link #LONGEST_KEPT} is never kept.
 *
 * @param <V> what is remembered for a text
 */
final class TextMemory<V> {
    /**
     * The longest text (in chars) that the guard's memories of texts (these, and the names and objects
     * {@link KnownObjects} keeps) keep. The kernel takes a path of at most PATH_MAX (4096) bytes, and a text has at
     * least as many bytes as chars, so a longer text is never opened (ENAMETOOLONG): not keeping it costs only
     * working its answer out again. Keeping it would keep alive, long after the application dropped it, a text of
     * any length, 512 + 1024 + 4096 of them (measured before this bound: 1,000 relative texts of 100,000 chars
     * asked about with {@code File.exists} and a read open kept 135 MB of heap).
     */
    static final int LONGEST_KEPT = 4096;

    private final Entry<V>[] slots;

    /** @param slots a power of two */
    @SuppressWarnings("unchecked")
    TextMemory(int slots) {
        this.slots = (Entry<V>[]) new Entry<?>[slots];
    }

    /** What is remembered for {@code text}, or null. */
    V find(String text) {
        Entry<V> e = slots[text.hashCode() & (slots.length - 1)];
        return e != null && (e.text == text || e.text.equals(text)) ? e.value : null;
    }

    /** Remembers {@code value} for {@code text}, unless the text is longer than {@link #LONGEST_KEPT}. */
    void remember(String text, V value) {
        if (text.length() <= LONGEST_KEPT) {
            slots[text.hashCode() & (slots.length - 1)] = new Entry<>(text, value);
        }
    }

    private static final class Entry<V> {
        final String text;
        final V value;

        Entry(String text, V value) {
            this.text = text;
            this.value = value;
        }
    }
}
