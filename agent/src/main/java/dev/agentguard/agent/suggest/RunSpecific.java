package dev.agentguard.agent.suggest;

/**
 * Parts of a command-line argument that change on every run: a timestamp or a random number
 * ({@code surefirebooter-20261206201751263_3.jar}, {@code surefire1234567890123456789}), a long hexadecimal
 * id or a UUID. Copied literally, they would make the suggested rule fail on the next run, so each becomes
 * {@code *} (which in an argument glob matches any characters). Shorter numbers (ports, counts, versions such
 * as {@code 17.0.15}) are kept.
 */
final class RunSpecific {
    /** A run of this many digits or more is taken to vary: a date with time, a nanosecond clock, a random long. */
    static final int DIGITS = 8;
    /** A run of this many hexadecimal characters (at least 4 digits and 4 letters) is an id. */
    static final int HEX = 16;

    private RunSpecific() {}

    /** {@code arg} (already an argument glob) with every varying run replaced by {@code *}. */
    static String glob(String arg) {
        StringBuilder out = new StringBuilder(arg.length());
        int i = 0;
        while (i < arg.length()) {
            int end = hexRunEnd(arg, i);
            int len = end - i;
            if (len > 0) {
                String run = arg.substring(i, end);
                if (varies(run) || uuidAt(arg, i)) {
                    int stop = uuidAt(arg, i) ? i + 36 : end;
                    if (out.length() == 0 || out.charAt(out.length() - 1) != '*') {
                        out.append('*');
                    }
                    i = stop;
                    continue;
                }
                appendDigitRuns(out, run);
                i = end;
                continue;
            }
            out.append(arg.charAt(i));
            if (arg.charAt(i) == '\\' && i + 1 < arg.length()) {
                out.append(arg.charAt(i + 1));
                i++;
            }
            i++;
        }
        return out.toString();
    }

    /** A hexadecimal run that is not an id as a whole: only its long runs of digits vary ({@code e20261206...}). */
    private static void appendDigitRuns(StringBuilder out, String run) {
        int i = 0;
        while (i < run.length()) {
            int j = i;
            while (j < run.length() && run.charAt(j) >= '0' && run.charAt(j) <= '9') {
                j++;
            }
            if (j - i >= DIGITS) {
                if (out.length() == 0 || out.charAt(out.length() - 1) != '*') {
                    out.append('*');
                }
                i = j;
            } else if (j > i) {
                out.append(run, i, j);
                i = j;
            } else {
                out.append(run.charAt(i));
                i++;
            }
        }
    }

    /** All digits and long enough, or a long mix with several of each kind (a random hexadecimal id). */
    private static boolean varies(String run) {
        int digits = 0;
        for (int i = 0; i < run.length(); i++) {
            if (run.charAt(i) >= '0' && run.charAt(i) <= '9') {
                digits++;
            }
        }
        int letters = run.length() - digits;
        return (letters == 0 && run.length() >= DIGITS) || (run.length() >= HEX && digits >= 4 && letters >= 4);
    }

    private static int hexRunEnd(String s, int from) {
        int i = from;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            i++;
        }
        return i;
    }

    /** 8-4-4-4-12 hexadecimal digits. */
    private static boolean uuidAt(String s, int at) {
        if (at + 36 > s.length()) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(at + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
