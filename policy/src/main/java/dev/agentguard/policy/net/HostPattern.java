package dev.agentguard.policy.net;

import dev.agentguard.policy.PatternException;

/**
 * A DNS name in a policy: exact ({@code api.openai.com}) or with a leading wildcard
 * ({@code *.github.com}: one or more labels before {@code github.com}, never {@code github.com} itself).
 *
 * <p>Names compare case-insensitively and a trailing dot is ignored, as in DNS. The comparison folds
 * ASCII letters only: {@link String#regionMatches(boolean, int, String, int, int)} would also fold
 * {@code 'ı'} (dotless i) to {@code 'i'} and the Kelvin sign to {@code 'k'}, so that a look-alike
 * name such as {@code gıthub.com} would match {@code github.com} while resolving elsewhere.
 *
 * <p>Labels are letters, digits, {@code -} and {@code _} (the latter appears in real internal names),
 * 1 to 63 characters, not starting or ending with {@code -}; international names must be written in
 * their {@code xn--} form. Text that a C resolver would read as an IPv4 address ({@code 2130706433},
 * {@code 0x7f.1}) is never a name, and a name never ends in an all-numeric label.
 *
 * <p>{@link #matches} allocates nothing.
 */
public final class HostPattern {
    private final boolean wildcard;
    /** Lower case, no trailing dot; for a wildcard the suffix including its leading dot. */
    private final String match;

    private HostPattern(boolean wildcard, String match) {
        this.wildcard = wildcard;
        this.match = match;
    }

    public static HostPattern parse(String text) throws PatternException {
        if (text == null || text.isEmpty()) {
            throw new PatternException("empty host name");
        }
        if (text.equals("*")) {
            throw new PatternException("'*' is not a host; to grant every address write 0.0.0.0/0 and ::/0");
        }
        String s = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (s.isEmpty()) {
            throw new PatternException("empty host name");
        }
        if (IpAddresses.isNumericSpelling(s) || s.indexOf(':') >= 0) {
            throw new PatternException("'" + text + "' is an IP address, not a DNS name");
        }
        boolean wildcard = s.startsWith("*.");
        String name = wildcard ? s.substring(2) : s;
        if (name.indexOf('*') >= 0 || (!wildcard && s.indexOf('*') >= 0)) {
            throw new PatternException("wildcard in '" + text + "' must be the whole first label, as in *.example.com");
        }
        if (name.isEmpty()) {
            throw new PatternException("host name '" + text + "' has no labels after '*.'");
        }
        if (name.length() > 253) {
            throw new PatternException("host name '" + text + "' is longer than 253 characters");
        }
        if (name.startsWith(".") && !wildcard) {
            throw new PatternException("host name '" + text + "' starts with '.'; did you mean *" + name + "?");
        }
        validateLabels(name, text);
        String lower = toLowerAscii(name);
        return new HostPattern(wildcard, wildcard ? "." + lower : lower);
    }

    private static void validateLabels(String name, String text) throws PatternException {
        int start = 0;
        String lastLabel = null;
        for (int i = 0; i <= name.length(); i++) {
            if (i < name.length() && name.charAt(i) != '.') {
                char c = name.charAt(i);
                if (c > 127) {
                    throw new PatternException("host name '" + text + "' contains '" + c
                            + "'; write international names in their punycode (xn--) form");
                }
                if (!isLabelChar(c)) {
                    throw new PatternException("host name '" + text + "' contains invalid character '" + c + "'");
                }
                continue;
            }
            String label = name.substring(start, i);
            if (label.isEmpty()) {
                throw new PatternException("host name '" + text + "' has an empty label");
            }
            if (label.length() > 63) {
                throw new PatternException("label '" + label + "' in host name '" + text
                        + "' is longer than 63 characters");
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                throw new PatternException("label '" + label + "' in host name '" + text
                        + "' starts or ends with '-'");
            }
            lastLabel = label;
            start = i + 1;
        }
        boolean numeric = true;
        for (int i = 0; i < lastLabel.length(); i++) {
            char c = lastLabel.charAt(i);
            numeric &= c >= '0' && c <= '9';
        }
        if (numeric) {
            throw new PatternException("host name '" + text + "' ends in the all-numeric label '" + lastLabel
                    + "'; that is not a DNS name (is it a mistyped IP address?)");
        }
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String toLowerAscii(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            if (cs[i] >= 'A' && cs[i] <= 'Z') {
                cs[i] = (char) (cs[i] + 32);
            }
        }
        return new String(cs);
    }

    /**
     * True when {@code hostName} (as the application or resolver gave it) is this name, or for a
     * wildcard lies one or more well-formed labels below it. Null never matches.
     */
    public boolean matches(String hostName) {
        if (hostName == null) {
            return false;
        }
        int n = hostName.length();
        if (n > 0 && hostName.charAt(n - 1) == '.') {
            n--;
        }
        int m = match.length();
        if (!wildcard) {
            return n == m && equalsIgnoreAsciiCase(hostName, 0, m);
        }
        if (n <= m || !equalsIgnoreAsciiCase(hostName, n - m, m)) {
            return false;
        }
        // The part before ".github.com" must be labels: no empty label, only label characters, so
        // that nothing a C resolver would cut short (a NUL, '%') or read differently slips through.
        int prefixEnd = n - m;
        char prev = '.';
        for (int i = 0; i < prefixEnd; i++) {
            char c = hostName.charAt(i);
            if (c == '.') {
                if (prev == '.') {
                    return false;
                }
            } else if (!isLabelChar(c)) {
                return false;
            }
            prev = c;
        }
        return prev != '.';
    }

    private boolean equalsIgnoreAsciiCase(String s, int from, int len) {
        for (int i = 0; i < len; i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != match.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostPattern && ((HostPattern) o).wildcard == wildcard && ((HostPattern) o).match.equals(match);
    }

    @Override
    public int hashCode() {
        return match.hashCode() * 2 + (wildcard ? 1 : 0);
    }

    /** Canonical form: lower case, no trailing dot ({@code *.github.com}). */
    @Override
    public String toString() {
        return wildcard ? "*" + match : match;
    }
}
