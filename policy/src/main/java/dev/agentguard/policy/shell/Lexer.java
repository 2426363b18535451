package dev.agentguard.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into tokens (POSIX.1-2017 XCU 2.3) and removes quotes (2.6.7), refusing every
 * expansion whose result is not known before the script runs.
 *
 * <p>What it keeps: unquoted text, {@code '…'}, {@code "…"} without {@code $} or backquotes, backslash
 * escapes, backslash-newline (removed wherever it is not inside single quotes, also inside an operator
 * such as {@code &\⏎&}), comments, a leading {@code ~} or {@code ~/}, here-documents whose body cannot
 * expand. What it refuses, with the construct and its position: {@code $} in any form (parameters,
 * {@code $(…)}, {@code $((…))}, {@code $'…'}, {@code $"…"}), backquotes, {@code ~user}, a {@code ~} after
 * {@code =} or {@code :} (bash expands it, dash does not), braces inside a word (bash brace expansion),
 * bash-only operators ({@code &>}, {@code |&}, {@code <<<}, {@code <(…)}, {@code >(…)}, {@code ((}),
 * case terminators, file descriptors above 9, and every character outside printable ASCII, tab and
 * newline (a multibyte locale may read bytes differently from how Java decoded them).
 */
final class Lexer {
    enum Kind { WORD, OP, IO_NUMBER, NEWLINE, EOF }

    record Token(Kind kind, String op, Word word, int fd, int start) {
        boolean isOp(String text) {
            return kind == Kind.OP && op.equals(text);
        }
    }

    private record PendingHereDoc(String delimiter, boolean expands, boolean stripTabs, int start) {
    }

    private final String s;
    private final int n;
    private int i;
    private final List<PendingHereDoc> hereDocs = new ArrayList<>();

    Lexer(String script) throws UndecidableScript {
        this.s = script;
        this.n = script.length();
        for (int k = 0; k < n; k++) {
            char c = script.charAt(k);
            if ((c < 0x20 && c != '\t' && c != '\n') || c > 0x7e) {
                throw new UndecidableScript(String.format("character U+%04X (only printable ASCII, tab and newline"
                        + " are decided)", (int) c), k);
            }
        }
    }

    /** Registers a here-document whose body starts after the next newline. */
    void hereDoc(Word delimiter, boolean stripTabs) throws UndecidableScript {
        if (delimiter.tilde() || delimiter.glob()) {
            throw new UndecidableScript("here-document delimiter '" + delimiter.source() + "'", delimiter.start());
        }
        boolean quoted = delimiter.source().indexOf('\'') >= 0 || delimiter.source().indexOf('"') >= 0
                || delimiter.source().indexOf('\\') >= 0;
        hereDocs.add(new PendingHereDoc(delimiter.value(), !quoted, stripTabs, delimiter.start()));
    }

    Token next() throws UndecidableScript {
        while (true) {
            skipContinuations();
            if (i >= n) {
                if (!hereDocs.isEmpty()) {
                    throw new UndecidableScript("here-document without its end line '" + hereDocs.get(0).delimiter()
                            + "'", hereDocs.get(0).start());
                }
                return new Token(Kind.EOF, null, null, -1, n);
            }
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '#') {
                comment();
            } else if (c == '\n') {
                int start = i++;
                readHereDocBodies();
                return new Token(Kind.NEWLINE, null, null, -1, start);
            } else if (isOperatorStart(c)) {
                return operator();
            } else {
                return word();
            }
        }
    }

    private void comment() throws UndecidableScript {
        int end = s.indexOf('\n', i);
        if (end < 0) {
            end = n;
        }
        // dash ends a comment at the newline even after a backslash; shells have disagreed here, so refuse.
        if (end > i && s.charAt(end - 1) == '\\') {
            throw new UndecidableScript("a comment ending in a backslash", end - 1);
        }
        i = end;
    }

    /** Backslash-newline is removed before anything else, outside single quotes (XCU 2.2.1). */
    private void skipContinuations() {
        while (i + 1 < n && s.charAt(i) == '\\' && s.charAt(i + 1) == '\n') {
            i += 2;
        }
    }

    private char peekAfterContinuations() {
        skipContinuations();
        return i < n ? s.charAt(i) : 0;
    }

    private static boolean isOperatorStart(char c) {
        return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
    }

    private static boolean endsWord(char c) {
        return c == ' ' || c == '\t' || c == '\n' || isOperatorStart(c);
    }

    private Token op(String text, int start) {
        return new Token(Kind.OP, text, null, -1, start);
    }

    private Token operator() throws UndecidableScript {
        int start = i;
        char c = s.charAt(i++);
        char d = peekAfterContinuations();
        switch (c) {
            case ';':
                if (d == ';' || d == '&') {
                    throw new UndecidableScript("case terminator ';" + d + "'", start);
                }
                return op(";", start);
            case '&':
                if (d == '&') {
                    i++;
                    return op("&&", start);
                }
                if (d == '>') {
                    throw new UndecidableScript("'&>' (bash redirects output and errors, sh runs in the background)",
                            start);
                }
                return op("&", start);
            case '|':
                if (d == '|') {
                    i++;
                    return op("||", start);
                }
                if (d == '&') {
                    throw new UndecidableScript("'|&' (bash pipe of output and errors)", start);
                }
                return op("|", start);
            case '(':
                if (d == '(') {
                    throw new UndecidableScript("arithmetic command '((…))'", start);
                }
                return op("(", start);
            case ')':
                return op(")", start);
            case '<':
                if (d == '(') {
                    throw new UndecidableScript("process substitution '<(…)'", start);
                }
                if (d == '<') {
                    i++;
                    char e = peekAfterContinuations();
                    if (e == '<') {
                        throw new UndecidableScript("here-string '<<<'", start);
                    }
                    if (e == '-') {
                        i++;
                        return op("<<-", start);
                    }
                    return op("<<", start);
                }
                if (d == '&' || d == '>') {
                    i++;
                    return op("<" + d, start);
                }
                return op("<", start);
            default: // '>'
                if (d == '(') {
                    throw new UndecidableScript("process substitution '>(…)'", start);
                }
                if (d == '>' || d == '|' || d == '&') {
                    i++;
                    if (d == '>' && peekAfterContinuations() == '(') {
                        throw new UndecidableScript("process substitution '>(…)'", start);
                    }
                    return op(">" + d, start);
                }
                return op(">", start);
        }
    }

    private Token word() throws UndecidableScript {
        int start = i;
        StringBuilder v = new StringBuilder();
        int unquotedPrefix = -1;
        boolean tilde = false;
        int bracket = -1;
        boolean glob = false;
        int brace = -1;
        if (s.charAt(i) == '~') {
            i++;
            char d = peekAfterContinuations();
            if (d != 0 && d != '/' && !endsWord(d)) {
                throw new UndecidableScript("tilde expansion '~" + d + "…' (only ~ and ~/ are decided)", start);
            }
            tilde = true;
        }
        while (true) {
            skipContinuations();
            if (i >= n) {
                break;
            }
            char c = s.charAt(i);
            if (endsWord(c)) {
                break;
            }
            switch (c) {
                case '\\':
                    if (i + 1 >= n) {
                        throw new UndecidableScript("a backslash at the end of the script", i);
                    }
                    unquotedPrefix = firstQuoted(unquotedPrefix, v);
                    v.append(s.charAt(i + 1));
                    i += 2;
                    break;
                case '\'': {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new UndecidableScript("an unterminated single quote", i);
                    }
                    unquotedPrefix = firstQuoted(unquotedPrefix, v);
                    v.append(s, i + 1, close);
                    i = close + 1;
                    break;
                }
                case '"':
                    unquotedPrefix = firstQuoted(unquotedPrefix, v);
                    doubleQuoted(v);
                    break;
                case '$':
                    throw dollar();
                case '`':
                    throw new UndecidableScript("command substitution `…`", i);
                case '~':
                    if (v.length() > 0 && (v.charAt(v.length() - 1) == '=' || v.charAt(v.length() - 1) == ':')) {
                        throw new UndecidableScript("'~' after '" + v.charAt(v.length() - 1)
                                + "' (bash expands it, sh does not)", i);
                    }
                    v.append(c);
                    i++;
                    break;
                default:
                    // Only unquoted characters reach here: quoted ones are appended by the cases above.
                    if (c == '*' || c == '?') {
                        glob = true;
                    } else if (c == '[' && bracket < 0) {
                        bracket = v.length();
                    } else if ((c == '{' || c == '}') && brace < 0) {
                        brace = i;
                    }
                    v.append(c);
                    i++;
            }
        }
        String value = v.toString();
        // A bracket expression needs a closing ']' after the '[': quoted or not, refuse rather than guess.
        if (bracket >= 0 && value.indexOf(']', bracket + 1) > 0) {
            glob = true;
        }
        String source = s.substring(start, i);
        int prefix = unquotedPrefix < 0 ? value.length() : unquotedPrefix;
        if (brace >= 0 && !(prefix == value.length() && !tilde && (value.equals("{") || value.equals("}")))) {
            throw new UndecidableScript("a brace in the word '" + source + "' (bash brace expansion)", brace);
        }
        Word word = new Word(value, tilde, glob, prefix, start, source);
        if (!tilde && prefix == value.length() && !value.isEmpty() && allDigits(value)) {
            char d = peekAfterContinuations();
            if (d == '<' || d == '>') {
                if (value.length() > 1) {
                    throw new UndecidableScript("file descriptor number '" + value + "' (only 0 to 9 are decided)",
                            start);
                }
                return new Token(Kind.IO_NUMBER, null, word, value.charAt(0) - '0', start);
            }
        }
        return new Token(Kind.WORD, null, word, -1, start);
    }

    /** The index of the first quoted character, set when the first one is appended. */
    private static int firstQuoted(int unquotedPrefix, StringBuilder v) {
        return unquotedPrefix < 0 ? v.length() : unquotedPrefix;
    }

    private static boolean allDigits(String value) {
        for (int k = 0; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private void doubleQuoted(StringBuilder v) throws UndecidableScript {
        int open = i++;
        while (true) {
            skipContinuations();
            if (i >= n) {
                throw new UndecidableScript("an unterminated double quote", open);
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return;
            }
            if (c == '$') {
                throw dollar();
            }
            if (c == '`') {
                throw new UndecidableScript("command substitution `…` inside double quotes", i);
            }
            if (c == '\\' && i + 1 < n) {
                char d = s.charAt(i + 1);
                if (d == '$' || d == '`' || d == '"' || d == '\\') {
                    v.append(d);
                    i += 2;
                    continue;
                }
            }
            v.append(c);
            i++;
        }
    }

    private UndecidableScript dollar() {
        int at = i;
        char d = i + 1 < n ? s.charAt(i + 1) : 0;
        if (d == '(') {
            return new UndecidableScript(i + 2 < n && s.charAt(i + 2) == '('
                    ? "arithmetic expansion $((…))" : "command substitution $(…)", at);
        }
        if (d == '{') {
            return new UndecidableScript("parameter expansion ${…}", at);
        }
        if (d == '\'') {
            return new UndecidableScript("ANSI-C quoting $'…'", at);
        }
        if (d == '"') {
            return new UndecidableScript("locale quoting $\"…\"", at);
        }
        if (d == '[') {
            return new UndecidableScript("arithmetic expansion $[…]", at);
        }
        if (Character.isLetterOrDigit(d) || d == '_' || "@*#?-$!".indexOf(d) >= 0 && d != 0) {
            return new UndecidableScript("parameter expansion $" + d, at);
        }
        return new UndecidableScript("a '$' (refused wherever it appears)", at);
    }

    private void readHereDocBodies() throws UndecidableScript {
        for (PendingHereDoc doc : hereDocs) {
            boolean found = false;
            while (i < n && !found) {
                int end = s.indexOf('\n', i);
                int lineEnd = end < 0 ? n : end;
                String line = s.substring(i, lineEnd);
                if (doc.stripTabs()) {
                    int k = 0;
                    while (k < line.length() && line.charAt(k) == '\t') {
                        k++;
                    }
                    line = line.substring(k);
                }
                if (line.equals(doc.delimiter())) {
                    found = true;
                } else if (doc.expands()) {
                    for (int k = 0; k < line.length(); k++) {
                        char c = line.charAt(k);
                        if (c == '$' || c == '`' || c == '\\') {
                            throw new UndecidableScript("a here-document that expands ('" + c + "' in its body;"
                                    + " quote the delimiter)", i + k + (lineEnd - i - line.length()));
                        }
                    }
                }
                i = end < 0 ? n : end + 1;
            }
            if (!found) {
                throw new UndecidableScript("here-document without its end line '" + doc.delimiter() + "'",
                        doc.start());
            }
        }
        hereDocs.clear();
    }
}
