package dev.agentguard.agent.suggest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the command lines a run started and turns them into {@code process.exec} patterns. Calls are
 * grouped by program and first argument ({@code git diff}, {@code git status}); a group whose calls all
 * had the same argv gets that exact argv, and a group whose calls differed gets the arguments they all
 * began with and a final {@code "**"} ({@code ["git", "diff", "**"]}). So {@code **} appears only where
 * arguments really varied. Memory is one argv per group, not one per call.
 */
final class ArgvPatterns {
    /** Groups kept; past this, a new group of a known program widens to {@code [program, "**"]}. */
    static final int MAX_GROUPS = 10_000;

    private static final class Group {
        final List<String> first;
        int common;
        boolean varied;

        Group(List<String> argv) {
            this.first = argv;
            this.common = argv.size();
        }

        void add(List<String> argv) {
            if (varied && common == 0) {
                return;
            }
            int n = Math.min(common, argv.size());
            int i = 0;
            while (i < n && argv.get(i).equals(first.get(i))) {
                i++;
            }
            if (i < common || argv.size() != first.size()) {
                varied = true;
            }
            common = i;
        }
    }

    private final Map<List<String>, Group> groups = new LinkedHashMap<>();
    private boolean overflowed;

    /** One started command: argv as the application gave it, program first; ignored when empty. */
    void add(List<String> argv) {
        if (argv.isEmpty()) {
            return;
        }
        List<String> key = argv.size() == 1 ? List.of(argv.get(0)) : List.of(argv.get(0), argv.get(1), "");
        Group group = groups.get(key);
        if (group == null && groups.size() >= MAX_GROUPS) {
            overflowed = true;
            key = List.of(argv.get(0), "", "", "");
            group = groups.get(key);
            if (group == null) {
                group = new Group(List.of(argv.get(0), "**"));
                group.varied = true;
                group.common = 1;
                groups.put(key, group);
            }
            return;
        }
        if (group == null) {
            groups.put(key, new Group(List.copyOf(argv)));
        } else {
            group.add(argv);
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The argv patterns: each a list whose first element is the program and whose other elements are literal arguments, or a final {@code "**"} marker. */
    List<Pattern> patterns() {
        List<Pattern> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (!g.varied) {
                out.add(new Pattern(g.first, false));
            } else {
                int keep = Math.max(1, Math.min(g.common, g.first.size()));
                out.add(new Pattern(g.first.subList(0, keep), true));
            }
        }
        // a program widened to "**" covers its other groups
        List<Pattern> result = new ArrayList<>();
        for (Pattern p : out) {
            boolean covered = false;
            for (Pattern q : out) {
                if (q != p && q.anyRest() && q.literal().size() == 1 && q.literal().get(0).equals(p.literal().get(0))
                        && !(p.anyRest() && p.literal().size() == 1)) {
                    covered = true;
                }
            }
            if (!covered && !result.contains(p)) {
                result.add(p);
            }
        }
        return result;
    }

    /**
     * One argv pattern: literal elements, then any remaining arguments when {@code anyRest}.
     */
    record Pattern(List<String> literal, boolean anyRest) {
        @Override
        public String toString() {
            return Arrays.toString(literal.toArray()) + (anyRest ? " **" : "");
        }
    }
}
