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

    // Trigger bits found by triggers(): a substring or character a pattern cannot match without.
    private static final int PEM = 1;
    private static final int AT = 1 << 1;
    private static final int AUTH = 1 << 2;
    private static final int BEARER = 1 << 3;
    private static final int AWS = 1 << 4;
    private static final int OPENAI = 1 << 5;
    private static final int GITHUB = 1 << 6;
    private static final int SLACK = 1 << 7;
    static final int NAME_WORD_SEEN = 1 << 8;
    private static final int EQUALS = 1 << 9;
    private static final int DASH = 1 << 10;

    /** The triggers each of {@link #PATTERNS} needs, in the same order. */
    private static final int[] NEEDS = {
        PEM, AT, AUTH, BEARER, AWS, OPENAI, GITHUB, SLACK, NAME_WORD_SEEN | EQUALS, NAME_WORD_SEEN | DASH,
    };

    private Redactor() {}

    /**
     * Returns {@code text} with every secret replaced by {@code [REDACTED]}; the same instance when
     * there is nothing to redact; {@code null} for {@code null}.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        int triggers = triggers(text);
        if (triggers == 0) {
            return text;
        }
        try {
            String result = text;
            for (int i = 0; i < PATTERNS.length; i++) {
                // A replacement only removes triggers ("[REDACTED]" holds none), so the set found in the
                // original text still covers every pattern that can match the partly redacted one.
                if ((triggers & NEEDS[i]) == NEEDS[i]) {
                    result = apply(PATTERNS[i], result);
                }
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

    /** True when some pattern could match: a trigger is present. */
    static boolean mayContainSecret(String text) {
        return triggers(text) != 0;
    }

    /**
     * The fast path: one scan for the substrings the patterns need, as bits ({@link #NEEDS} says which
     * pattern needs which). A pattern runs only when all its triggers are there, so a list of variable
     * names that merely contains {@code PASS} or {@code KEY} costs no regex: the name rules also need
     * {@code =} or {@code -}. False positives only cost a regex pass; a false negative would be a leak, so
     * each pattern above must require the triggers listed for it.
     */
    static int triggers(String text) {
        int found = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '@':
                    found |= AT;
                    break;
                case '=':
                    found |= EQUALS;
                    break;
                case '-':
                    found |= DASH;
                    if (text.startsWith("-----BEGIN", i)) {
                        found |= PEM;
                    }
                    break;
                case 'A': case 'a':
                    if (has(text, i, "akia") || has(text, i, "asia")) {
                        found |= AWS;
                    } else if (has(text, i, "auth")) {
                        found |= AUTH | NAME_WORD_SEEN;
                    }
                    break;
                case 'B': case 'b':
                    if (has(text, i, "bearer")) {
                        found |= BEARER;
                    }
                    break;
                case 'C': case 'c':
                    if (has(text, i, "credential")) {
                        found |= NAME_WORD_SEEN;
                    }
                    break;
                case 'G': case 'g':
                    if (text.startsWith("github_pat_", i)
                            || (text.startsWith("gh", i) && i + 3 < n && text.charAt(i + 3) == '_')) {
                        found |= GITHUB;
                    }
                    break;
                case 'K': case 'k':
                    if (has(text, i, "key")) {
                        found |= NAME_WORD_SEEN;
                    }
                    break;
                case 'P': case 'p':
                    if (has(text, i, "pass") || has(text, i, "pwd")) {
                        found |= NAME_WORD_SEEN;
                    }
                    break;
                case 'S': case 's':
                    if (text.startsWith("sk-", i)) {
                        found |= OPENAI;
                    } else if (has(text, i, "secret")) {
                        found |= NAME_WORD_SEEN;
                    }
                    break;
                case 'T': case 't':
                    if (has(text, i, "token")) {
                        found |= NAME_WORD_SEEN;
                    }
                    break;
                case 'X': case 'x':
                    if (text.startsWith("xox", i)) {
                        found |= SLACK;
                    }
                    break;
                default:
                    break;
            }
        }
        return found;
    }

    private static boolean has(String text, int at, String lowerWord) {
        return text.regionMatches(true, at, lowerWord, 0, lowerWord.length());
    }
}
