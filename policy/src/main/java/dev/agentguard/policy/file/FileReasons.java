package dev.agentguard.policy.file;

import java.util.List;

/**
 * The one-line texts of file decisions, written for the model or person who reads a denial: what was
 * checked and which rule decided; what is granted instead is kept apart ({@code Decision.granted()}).
 * Kept apart from {@link FileRules} so that the
 * wording can be read and changed in one place. Denial texts are built only when denying.
 */
final class FileReasons {
    /** How many granting patterns a default-deny lists before it cuts the list short. */
    static final int MAX_LISTED = 8;

    private FileReasons() {
    }

    static String verb(FileAccess access) {
        return access == FileAccess.READ ? "reading" : "writing";
    }

    static String allowedByRule(PathRule rule) {
        return "granted by " + rule.id() + " '" + rule.written() + "'";
    }

    static String allowedByBaseline(FileAccess access, PathGlob glob) {
        return "the JVM baseline grants " + verb(access) + " '" + glob.pattern() + "'";
    }

    /** {@code "reads are granted under: a, b"}, computed once per access when the rules are compiled. */
    static String grantedInstead(FileAccess access, List<PathRule> rules) {
        String kind = access == FileAccess.READ ? "reads" : "writes";
        if (rules.isEmpty()) {
            return "the policy grants no " + kind;
        }
        StringBuilder sb = new StringBuilder(kind).append(" are granted under: ");
        int listed = Math.min(rules.size(), MAX_LISTED);
        for (int i = 0; i < listed; i++) {
            sb.append(i == 0 ? "" : ", ").append(rules.get(i).written());
        }
        if (rules.size() > listed) {
            sb.append(", … (").append(rules.size() - listed).append(" more)");
        }
        return sb.toString();
    }

    /** The subject of a sentence about {@code checked}: the given path, or how it resolves. */
    private static String subject(String given, String checked) {
        return checked.equals(given) ? given : given + " resolves through a symbolic link to " + checked + ", which";
    }

    static String isProtected(FileAccess access, String given, String checked, ProtectedPath entry) {
        return subject(given, checked) + " is protected (" + entry.label() + "): no policy grants "
                + verb(access) + " it";
    }

    /**
     * {@code "/h/.ssh/id_rsa matches files.deny[0] '${home}/.ssh/**'"}, or, when it is a parent directory
     * that matched, {@code "/w/secrets/a is inside /w/secrets, which matches ..."}.
     */
    static String denied(String given, String checked, PathRule rule) {
        String matching = shallowestMatch(rule.glob(), checked);
        String what = subject(given, checked);
        String rest = "matches " + rule.id() + " '" + rule.written() + "'";
        if (matching.equals(checked)) {
            return what + " " + rest;
        }
        return what + " is inside " + matching + ", which " + rest;
    }

    static String notGranted(FileAccess access, String given, String checked) {
        String section = access == FileAccess.READ ? "files.read" : "files.write";
        if (checked.equals(given)) {
            return "no " + section + " rule grants " + given;
        }
        return given + " resolves through a symbolic link to " + checked + ", which no " + section
                + " rule grants";
    }

    /** {@code path} if {@code glob} matches it, else its shortest ancestor that {@code glob} matches. */
    private static String shallowestMatch(PathGlob glob, String path) {
        if (glob.matches(path)) {
            return path;
        }
        if (glob.matches("/")) {
            return "/";
        }
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            if (glob.matches(ancestor)) {
                return ancestor;
            }
        }
        return path;
    }
}
