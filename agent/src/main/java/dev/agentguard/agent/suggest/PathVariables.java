package dev.agentguard.agent.suggest;

import dev.agentguard.policy.file.PathGlob;

/**
 * Writes an absolute path as a policy pattern: glob characters escaped, and the audited run's
 * {@code ${workdir}}, {@code ${home}} or {@code ${tmp}} in place of its directory, the longest that
 * applies (a workdir under the home directory is written {@code ${workdir}/...}). The policy then reads
 * the same on the machine where it is used, and a reviewer sees at a glance where a grant points. Names
 * that change every run (a random number under {@code ${tmp}}, a timestamp) are written as globs.
 */
final class PathVariables {
    private final String[][] roots;

    PathVariables(String workdir, String home, String tmp) {
        this.roots = new String[][] {{"workdir", workdir}, {"home", home}, {"tmp", tmp}};
    }

    /**
     * The pattern for exactly {@code path}, or for {@code path} and everything under it when
     * {@code folder} is true ({@code ${workdir}/out/**}); null when the path cannot be written as a
     * pattern (it holds {@code ${}, which the policy would read as a variable).
     */
    String pattern(String path, boolean folder) {
        return pattern(path, folder, true);
    }

    /** {@link #pattern(String, boolean)}, with names that change every run made globs only if {@code generalise}. */
    String pattern(String path, boolean folder, boolean generalise) {
        if (path.contains("${")) {
            return null;
        }
        String best = null;
        int bestLength = -1;
        for (String[] root : roots) {
            String dir = root[1];
            if (dir == null || dir.length() <= 1 || dir.length() <= bestLength) {
                continue;
            }
            if (path.equals(dir) || path.startsWith(dir + "/")) {
                best = root[0];
                bestLength = dir.length();
            }
        }
        String rest = best == null ? path : path.substring(bestLength);
        String text = (best == null ? "" : "${" + best + "}") + (generalise ? runSpecific(PathGlob.escape(rest), "tmp".equals(best)) : PathGlob.escape(rest));
        if (!folder) {
            return text;
        }
        return text.endsWith("/") ? text + "**" : text + "/**";
    }

    /** Each segment of an escaped path, with its run-specific parts as globs ({@link RunSpecificNames}). */
    private static String runSpecific(String escaped, boolean underTmp) {
        String[] segments = escaped.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = RunSpecificNames.segment(segments[i], underTmp);
        }
        return String.join("/", segments);
    }
}
