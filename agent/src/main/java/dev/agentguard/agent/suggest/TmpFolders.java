package dev.agentguard.agent.suggest;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The folders under {@code ${tmp}} that a run wrote in. The run may have found them already there (left
 * by an earlier run), so its log shows no creation; on a fresh machine, or after {@code /tmp} was
 * cleaned, the program creates them and is denied unless creating them is granted too.
 */
final class TmpFolders {
    private TmpFolders() {}

    /**
     * Every folder strictly between {@code tmp} and each written path (and each overflow folder itself),
     * never {@code tmp} itself, nor the working directory or a folder above it: the program is started in
     * that one, so it is there before the program runs. Empty when {@code tmp} is not a usable directory.
     */
    static Set<String> around(Collection<String> written, Collection<String> writtenFolders, String tmp,
                              String workdir) {
        Set<String> out = new TreeSet<>();
        if (tmp == null || tmp.length() <= 1) {
            return out;
        }
        String prefix = tmp + "/";
        for (String path : written) {
            addAncestors(out, path, prefix);
        }
        for (String folder : writtenFolders) {
            if (folder.startsWith(prefix)) {
                out.add(folder);
                addAncestors(out, folder, prefix);
            }
        }
        out.removeIf(folder -> workdir != null && (workdir.equals(folder) || workdir.startsWith(folder + "/")));
        return out;
    }

    private static void addAncestors(Set<String> out, String path, String prefix) {
        for (String d = Generaliser.parent(path); d != null && d.startsWith(prefix); d = Generaliser.parent(d)) {
            out.add(d);
        }
    }
}
