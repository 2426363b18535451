package dev.agentguard.policy.load;

import dev.agentguard.policy.file.PathRule;
import java.util.List;

/**
 * The start-up refusal of a {@code ${workdir}} grant that covers the whole disk or the home directory
 * (POLICY.md section 4, {@code files.allow_broad_workdir}). {@code ${workdir}/**} is a sound default for a
 * program started in its project's folder; an MCP client that starts its server in {@code /}, or a user who
 * runs the agent from {@code ~}, turns the same line into a grant of every file of the user, credentials
 * outside the secret set included, and nothing would say so. Such a policy is refused with the reason and
 * the fix, unless it sets {@code files.allow_broad_workdir: true}.
 */
final class BroadWorkdir {
    private BroadWorkdir() {}

    /** Reports each rule of {@code key} written with {@code ${workdir}} that reaches the probe file. */
    static void check(YamlNode.MapNode files, List<PathRule> rules, String key, SectionContext s) {
        String workdir = s.jvm.workdir();
        String home = s.jvm.home();
        String where = where(workdir, home);
        if (where == null) {
            return;
        }
        // A file every user has, or the system has: if the grant reaches it, it reaches far more.
        String probe = home != null && !home.isEmpty() && covers(workdir, home) ? home + "/.bashrc" : "/etc/passwd";
        for (PathRule rule : rules) {
            if (rule.written().contains("${workdir}") && rule.glob().matches(probe)) {
                s.nodes.problem(Nodes.get(files, key), rule.id() + " '" + rule.written() + "' would grant " + probe
                        + " and everything beside it, because ${workdir} is " + where + "; start the program in its"
                        + " own folder (cd into the project, or the agent argument workdir=DIR), or set"
                        + " files.allow_broad_workdir: true to grant it on purpose");
            }
        }
    }

    /** How {@code workdir} is too broad ("/, the root directory", ...), or null when it is not. */
    static String where(String workdir, String home) {
        if (workdir == null || workdir.isEmpty()) {
            return null;
        }
        if (workdir.equals("/")) {
            return "/, the root directory";
        }
        if (home == null || home.isEmpty() || home.equals("/")) {
            return null;
        }
        if (workdir.equals(home)) {
            return workdir + ", the home directory";
        }
        if (covers(workdir, home)) {
            return workdir + ", above the home directory " + home;
        }
        return null;
    }

    private static boolean covers(String dir, String path) {
        return path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
    }
}
