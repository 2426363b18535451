package dev.agentguard.agent.suggest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names that change every run, written as a glob so that the suggested policy still grants them on the
 * next run: Vert.x's {@code ${tmp}/vertx-cache/-123456789} (a random long, possibly negative), Java's and
 * JUnit's temp names ({@code junit8172635401}, {@code agent8237498237.tmp}), Tomcat's
 * {@code tomcat.18081.16359729902073976878}, {@code mktemp}'s {@code name.Xa9bQ2} suffixes, UUIDs, and
 * timestamps such as surefire's {@code surefirebooter-20261206201751263_3.jar}.
 *
 * <p>Below {@code ${tmp}}, where programs put their per-run names, a run of 6 or more digits, a UUID or a
 * {@code mktemp} suffix makes a segment run-specific. Elsewhere only a timestamp does (12 to 20 digits that
 * begin with a date, {@code 19}/{@code 20}yyMMdd): a long number there may be data ({@code customers/1234567}),
 * and a glob in its place would grant every other record. In a run-specific segment every number becomes
 * {@code *}, and numbers joined to a {@code *} by {@code . _ -} merge into it ({@code tomcat.*}).
 */
final class RunSpecificNames {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** {@code name.XXXXXX}: a dot, then 6 to 16 letters and digits, not a plain lower-case word. */
    private static final Pattern MKTEMP = Pattern.compile("(.+\\.)([A-Za-z0-9]{6,16})");
    private static final Pattern NUMBER_BEFORE_STAR = Pattern.compile("(?<![A-Za-z0-9*])[0-9]+[._-]\\*");
    private static final Pattern NUMBER_AFTER_STAR = Pattern.compile("\\*[._-][0-9]+(?![A-Za-z0-9*])");
    private static final Pattern STARS = Pattern.compile("\\*([._-]?\\*)+");

    private RunSpecificNames() {}

    /**
     * The pattern for one path segment as written in a policy (glob characters already escaped): the
     * segment itself, or a glob for its run-specific parts. A segment holding an escape is left alone.
     */
    static String segment(String segment, boolean underTmp) {
        if (segment.isEmpty() || segment.indexOf('\\') >= 0 || segment.indexOf('*') >= 0) {
            return segment;
        }
        String s = segment;
        boolean specific = false;
        if (underTmp) {
            Matcher uuid = UUID.matcher(s);
            if (uuid.find()) {
                s = uuid.replaceAll("*");
                specific = true;
            }
        }
        if (hasVolatileNumber(s, underTmp)) {
            s = starNumbers(s);
            specific = true;
        } else if (!specific && underTmp) {
            Matcher mktemp = MKTEMP.matcher(s);
            if (mktemp.matches() && looksRandom(mktemp.group(2))) {
                return mktemp.group(1) + "*";
            }
        }
        if (!specific) {
            return segment;
        }
        // Bounded: every pass shortens the text.
        for (int i = 0; i < segment.length(); i++) {
            String merged = STARS.matcher(NUMBER_AFTER_STAR.matcher(NUMBER_BEFORE_STAR.matcher(s).replaceAll("*"))
                    .replaceAll("*")).replaceAll("*");
            if (merged.equals(s)) {
                break;
            }
            s = merged;
        }
        return s;
    }

    /** A run of 6+ digits (below {@code ${tmp}}), or a timestamp anywhere. */
    private static boolean hasVolatileNumber(String s, boolean underTmp) {
        for (int i = 0; i < s.length(); ) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && isDigit(s.charAt(end))) {
                end++;
            }
            String run = s.substring(i, end);
            if ((underTmp && run.length() >= 6) || isTimestamp(run)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** Every number becomes {@code *}, with a minus sign that starts it (not one that joins words). */
    private static String starNumbers(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            boolean sign = c == '-' && i + 1 < s.length() && isDigit(s.charAt(i + 1))
                    && (i == 0 || ".-_".indexOf(s.charAt(i - 1)) >= 0);
            if (!isDigit(c) && !sign) {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            sb.append('*');
        }
        return sb.toString();
    }

    /** 12 to 20 digits that begin with a plausible date, yyyyMMdd from 1900 to 2099. */
    static boolean isTimestamp(String run) {
        if (run.length() < 12 || run.length() > 20 || !(run.startsWith("19") || run.startsWith("20"))) {
            return false;
        }
        int month = Integer.parseInt(run.substring(4, 6));
        int day = Integer.parseInt(run.substring(6, 8));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** A mktemp suffix, not a word or an extension: holds a digit or an upper-case letter. */
    private static boolean looksRandom(String suffix) {
        boolean digitOrUpper = false;
        boolean letter = false;
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            digitOrUpper |= isDigit(c) || (c >= 'A' && c <= 'Z');
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return digitOrUpper && letter;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
