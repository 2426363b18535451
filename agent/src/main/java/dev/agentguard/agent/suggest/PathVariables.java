package dev.agentguard.agent.suggest;

import dev.agentguard.policy.file.PathGlob;

/**
 * Writes an absolute path as a policy pattern: glob characters escaped, and the audited run's
 * {@code ${workdir}}, {@code ${home}} or {@code ${tmp}} in place of its directory, the longest that
 * applies (a workdir under the home directory is written {@code ${workdir}/...}). The policy then reads
 * the same on the machine where it is used, and a reviewer sees at a glance where a grant points.
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
        String text = best == null ? PathGlob.escape(path)
                : "${" + best + "}" + PathGlob.escape(path.substring(bestLength));
        if (!folder) {
            return text;
        }
        return text.endsWith("/") ? text + "**" : text + "/**";
    }
}
