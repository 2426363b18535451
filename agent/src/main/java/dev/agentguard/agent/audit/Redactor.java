package dev.agentguard.agent.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is written to the audit log or put in a denial message
 * (POLICY.md section 12). A target or reason may quote a command line, a URL or an environment
 * assignment that carries a credential; the log is read by people and tools that must not see it.
 *
 * <p>Each secret becomes {@code [REDACTED]}. The patterns are compiled once. Most targets (plain paths,
 * host names) contain no secret at all, so a cheap scan for trigger substrings runs first and, when
 * nothing can match, the very same {@code String} instance is returned without touching a regex.
 *
 * <p>Over-redaction is preferred to a leak: a flag or variable whose <em>name</em> merely contains a
 * secret-like word ({@code --keyboard=us}) loses its value too.
 *
 * <p>{@link #redact} never throws: if a pattern fails (for example a stack overflow on pathological
 * input), the whole text is replaced by {@code [REDACTED]}.
 */
public final class Redactor {
    /** What every secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    /** Secret-like words in the name of a parameter, flag or variable (matched case-insensitively). */
    private static final String NAME_WORD = "(?:token|key|secret|pass|pwd|auth|credential)";
    private static final String NAME_CHARS = "[A-Za-z0-9_.\\-]";
    /**
     * A name containing a secret-like word, not preceded by another name character. The parts around
     * the word are bounded so that a long run of name characters cannot make the match quadratic.
     */
    private static final String NAME = "(?<![A-Za-z0-9_.\\-])" + NAME_CHARS + "{0,64}" + NAME_WORD + NAME_CHARS + "{0,64}";
    /** A value: quoted, or up to whitespace, a quote or the next query parameter. */
    private static final String VALUE = "(?:\"[^\"]*\"|'[^']*'|[^\\s\"'&]+)";

    /** Rules applied in this order; each replaces group 2 when it has two groups, else the whole match. */
    private static final Pattern[] PATTERNS = {
        // PEM private key block: up to its END line, or to the end of the text when truncated.
        Pattern.compile("-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END[A-Z0-9 ]*PRIVATE KEY-----|\\z)",
                Pattern.DOTALL),
        // URL user-info: scheme://user:pass@host
        Pattern.compile("((?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]{0,31}://)([^/\\s@?#]++)(?=@)"),
        // Authorization: Basic <base64>
        Pattern.compile("(?i)(\\bauthorization\\s*[:=]\\s*basic\\s+)([A-Za-z0-9+/=._~\\-]+)"),
        // Bearer <token>: the word stays.
        Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9\\-._~+/]+=*)"),
        // AWS access key ids (long-lived AKIA, temporary ASIA).
        Pattern.compile("A[KS]IA[0-9A-Z]{16}"),
        // OpenAI-style keys (sk-..., sk-proj-...), not inside a word such as "task-".
        Pattern.compile("(?<![A-Za-z0-9])sk-[A-Za-z0-9_\\-]{20,}"),
        // GitHub tokens.
        Pattern.compile("(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"),
        // Slack tokens.
        Pattern.compile("(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9\\-]{10,}"),
        // name=value: query parameters, -flag=value, --flag=value, KEY=value.
        Pattern.compile("(?i)(" + NAME + "=)(" + VALUE + ")"),
        // --flag value and -flag value.
        Pattern.compile("(?i)((?<![A-Za-z0-9_.\\-])--?" + NAME_CHARS + "{0,64}" + NAME_WORD + NAME_CHARS
                + "{0,64}\\s+)(" + VALUE + ")"),
    };

    private Redactor() {}

    /**
     * Returns {@code text} with every secret replaced by {@code [REDACTED]}; the same instance when
     * there is nothing to redact; {@code null} for {@code null}.
     */
    public static String redact(String text) {
        if (text == null || !mayContainSecret(text)) {
            return text;
        }
        try {
            String result = text;
            for (Pattern pattern : PATTERNS) {
                result = apply(pattern, result);
            }
            return result.equals(text) ? text : result;
        } catch (RuntimeException | StackOverflowError e) {
            return REDACTED;
        }
    }

    private static String apply(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            if (m.groupCount() >= 2) {
                out.append(text, last, m.start(2)).append(REDACTED);
                last = m.end(2);
            } else {
                out.append(text, last, m.start()).append(REDACTED);
                last = m.end();
            }
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /**
     * The fast path: true when {@code text} contains a substring that every pattern needs. False
     * positives only cost a regex pass; a false negative would be a leak, so each pattern above must
     * require one of these triggers.
     */
    static boolean mayContainSecret(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '@':
                    return true; // URL user-info
                case '-':
                    if (text.startsWith("-----BEGIN", i)) {
                        return true;
                    }
                    break;
                case 'A': case 'a':
                    if (has(text, i, "akia") || has(text, i, "asia") || has(text, i, "auth")) {
                        return true;
                    }
                    break;
                case 'B': case 'b':
                    if (has(text, i, "bearer")) {
                        return true;
                    }
                    break;
                case 'C': case 'c':
                    if (has(text, i, "credential")) {
                        return true;
                    }
                    break;
                case 'G': case 'g':
                    if (text.startsWith("github_pat_", i)
                            || (text.startsWith("gh", i) && i + 3 < n && text.charAt(i + 3) == '_')) {
                        return true;
                    }
                    break;
                case 'K': case 'k':
                    if (has(text, i, "key")) {
                        return true;
                    }
                    break;
                case 'P': case 'p':
                    if (has(text, i, "pass") || has(text, i, "pwd")) {
                        return true;
                    }
                    break;
                case 'S': case 's':
                    if (text.startsWith("sk-", i) || has(text, i, "secret")) {
                        return true;
                    }
                    break;
                case 'T': case 't':
                    if (has(text, i, "token")) {
                        return true;
                    }
                    break;
                case 'X': case 'x':
                    if (text.startsWith("xox", i)) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean has(String text, int at, String lowerWord) {
        return text.regionMatches(true, at, lowerWord, 0, lowerWord.length());
    }
}
