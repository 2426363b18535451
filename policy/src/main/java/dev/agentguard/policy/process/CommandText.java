package dev.agentguard.policy.process;

import java.util.List;

/**
 * Shows a command compactly on one line for a denial reason: arguments separated by spaces, an
 * argument that is empty or holds spaces or quotes in double quotes, control characters escaped
 * (a reason must stay one line), and the whole cut with {@code …} past a limit.
 */
final class CommandText {
    /** Longest command shown in a reason; the rest is cut. */
    static final int MAX = 160;

    private CommandText() {
    }

    static String of(String[] argv) {
        return join(java.util.Arrays.asList(argv), MAX);
    }

    /** Joins with spaces; {@code max} of 0 means no limit. */
    static String join(List<String> parts, int max) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(p));
            if (max > 0 && sb.length() > max) {
                break;
            }
        }
        if (max > 0 && sb.length() > max) {
            int cut = max - 1;
            if (Character.isLowSurrogate(sb.charAt(cut))) {
                cut--;
            }
            sb.setLength(cut);
            sb.append('…');
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        boolean needs = s.isEmpty();
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = Character.isWhitespace(c) || c == '"' || c == '\'' || Character.isISOControl(c);
        }
        if (!needs) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
