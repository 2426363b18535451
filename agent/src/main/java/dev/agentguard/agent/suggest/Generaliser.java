package dev.agentguard.agent.suggest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the paths a run used for one access into grants: a folder in which the run used
 * {@link #FOLDER_THRESHOLD} or more paths (the folder itself counts, as a listing) becomes one folder grant
 * ({@code /w/out/**}); every other path stays exact. A grant is never broader than a directory the run
 * actually used, and never the root, a top-level directory ({@code /tmp}, {@code /home}), the home
 * directory, the temp directory or one of their ancestors: a folder grant there would hand over far
 * more than any run needs.
 */
final class Generaliser {
    /** "Many files in one folder": from this many used paths directly in a folder on, the folder is granted. */
    static final int FOLDER_THRESHOLD = 3;

    /** One grant: an absolute path, and whether it covers everything under it. */
    record Grant(String path, boolean folder) {
        boolean covers(String other) {
            return other.equals(path) || (folder && other.startsWith(path.equals("/") ? "/" : path + "/"));
        }
    }

    private final Set<String> tooBroad = new LinkedHashSet<>();

    /** {@code home} and {@code tmp} (absolute) are never granted as folders, nor any of their ancestors. */
    Generaliser(String home, String tmp) {
        for (String dir : new String[] {home, tmp}) {
            for (String d = dir; d != null && !d.isEmpty(); d = parent(d)) {
                tooBroad.add(d);
            }
        }
        tooBroad.add("/");
    }

    /**
     * The grants for {@code paths} (absolute, normalized), plus {@code folders}: directories already known
     * to need a folder grant (collected that way once a log held more distinct paths than fit in memory).
     * Sorted; no grant lies inside another.
     */
    List<Grant> generalise(Set<String> paths, Set<String> folders) {
        Map<String, Integer> usedIn = new HashMap<>();
        for (String path : paths) {
            String parent = parent(path);
            if (parent != null) {
                usedIn.merge(parent, 1, Integer::sum);
            }
        }
        for (String path : paths) {
            // a listed folder counts as used in itself
            if (usedIn.containsKey(path)) {
                usedIn.merge(path, 1, Integer::sum);
            }
        }
        TreeSet<String> folderGrants = new TreeSet<>();
        for (Map.Entry<String, Integer> e : usedIn.entrySet()) {
            if (e.getValue() >= FOLDER_THRESHOLD && mayGrantFolder(e.getKey())) {
                folderGrants.add(e.getKey());
            }
        }
        for (String folder : folders) {
            if (mayGrantFolder(folder)) {
                folderGrants.add(folder);
            }
        }
        List<Grant> grants = new ArrayList<>();
        String lastFolder = null;
        for (String folder : folderGrants) {
            if (lastFolder != null && new Grant(lastFolder, true).covers(folder)) {
                continue;
            }
            grants.add(new Grant(folder, true));
            lastFolder = folder;
        }
        List<Grant> folderOnly = List.copyOf(grants);
        TreeSet<String> exact = new TreeSet<>(paths);
        for (String folder : folders) {
            if (!mayGrantFolder(folder)) {
                exact.add(folder);
            }
        }
        for (String path : exact) {
            if (folderOnly.stream().noneMatch(g -> g.covers(path))) {
                grants.add(new Grant(path, false));
            }
        }
        grants.sort((a, b) -> a.path().compareTo(b.path()));
        return grants;
    }

    /** False for the root, a top-level directory, and the home and temp directories and their ancestors. */
    boolean mayGrantFolder(String dir) {
        if (tooBroad.contains(dir)) {
            return false;
        }
        return dir.indexOf('/', 1) > 0;
    }

    /** The parent of an absolute path; null for the root. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
