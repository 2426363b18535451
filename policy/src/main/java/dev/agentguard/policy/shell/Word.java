package dev.agentguard.policy.shell;

/**
 * One word of a script after quote removal. Only words whose value is known before the script runs
 * exist: the lexer refuses every expansion except a leading {@code ~} / {@code ~/}, which is kept as a
 * flag and expanded with the child's {@code HOME} when the word is decided.
 *
 * @param value the characters after quote removal (without the leading {@code ~} when {@code tilde})
 * @param tilde the word began with an unquoted {@code ~} followed by {@code /} or nothing
 * @param glob the word holds an unquoted {@code *}, {@code ?} or bracket expression: pathname expansion
 *     would replace it with file names that exist when it runs
 * @param unquotedPrefix how many leading characters of {@code value} came from unquoted text; used to
 *     recognise reserved words and {@code NAME=} assignments, which must be unquoted
 * @param start 0-based index of the word's first character in the script
 * @param source the word as written in the script
 */
public record Word(String value, boolean tilde, boolean glob, int unquotedPrefix, int start, String source) {
    /** The word as written, unquoted and exactly {@code text}: a reserved word or an operator-like word. */
    public boolean isPlain(String text) {
        return !tilde && !glob && unquotedPrefix == value.length() && value.equals(text);
    }

    /** The value with a leading tilde replaced by {@code home}; null when the word needs a home and there is none. */
    public String expand(String home) {
        if (!tilde) {
            return value;
        }
        return home == null ? null : home + value;
    }
}
