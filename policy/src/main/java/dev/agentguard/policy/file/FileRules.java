package dev.agentguard.policy.file;

import dev.agentguard.policy.Decision;

import java.util.List;

/**
 * The compiled {@code files:} section of a policy together with the JVM baseline (section 8) and the
 * always-protected paths (section 4): answers whether one file access is allowed.
 *
 * <p>Order of the checks, each on both the given and the real form of the path (see {@link PathForms}):
 * <ol>
 *   <li>a protected path blocking this access denies, rule {@code protected};</li>
 *   <li>a {@code files.deny} rule matching the path or one of its parent directories denies, for reads
 *       and writes alike, rule {@code files.deny[i]};</li>
 *   <li>otherwise both forms must be granted for this access by a {@code files.read} /
 *       {@code files.write} rule or the baseline (rule {@code baseline}); else {@code default-deny}.</li>
 * </ol>
 * Write does not imply read. When a form is granted by several rules, the first user rule wins over the
 * baseline, and a rule granting both forms is named over one granting only the given form.
 *
 * <p>Allowed decisions are built here, once per rule, and returned as the same instance: the allowed path
 * allocates nothing. Instances are immutable and thread-safe.
 */
public final class FileRules {
    private final PathRule[] deny;
    private final ProtectedPath[] protectedPaths;
    private final Grants read;
    private final Grants write;

    /**
     * @param read the {@code files.read} rules, ids {@code files.read[i]}
     * @param write the {@code files.write} rules
     * @param deny the {@code files.deny} rules
     * @param baselineRead what the JVM itself must read (section 8); compile literal paths through
     *     {@link PathGlob#escape}
     * @param baselineWrite what the JVM itself must write ({@code /dev/null})
     * @param protectedPaths paths no policy opens to the application
     */
    public FileRules(List<PathRule> read, List<PathRule> write, List<PathRule> deny,
                     List<PathGlob> baselineRead, List<PathGlob> baselineWrite,
                     List<ProtectedPath> protectedPaths) {
        this.deny = deny.toArray(new PathRule[0]);
        this.protectedPaths = protectedPaths.toArray(new ProtectedPath[0]);
        this.read = new Grants(FileAccess.READ, read, baselineRead);
        this.write = new Grants(FileAccess.WRITE, write, baselineWrite);
    }

    /**
     * Decides one access to a path given in both forms, as made by {@link PathForms#givenForm} and
     * {@link PathForms#realForm} (or {@link PathForms#realFormNoFollow}); both non-null. Pass the same
     * string twice when no real form applies.
     */
    public Decision decide(FileAccess access, String givenForm, String realForm) {
        boolean same = givenForm.equals(realForm);
        for (ProtectedPath p : protectedPaths) {
            if (!p.blocks(access)) {
                continue;
            }
            if (p.glob().matches(givenForm)) {
                return Decision.deny("protected", FileReasons.isProtected(access, givenForm, givenForm, p));
            }
            if (!same && p.glob().matches(realForm)) {
                return Decision.deny("protected", FileReasons.isProtected(access, givenForm, realForm, p));
            }
        }
        for (PathRule rule : deny) {
            if (rule.glob().matchesSelfOrAncestor(givenForm)) {
                return Decision.deny(rule.id(), FileReasons.denied(givenForm, givenForm, rule));
            }
            if (!same && rule.glob().matchesSelfOrAncestor(realForm)) {
                return Decision.deny(rule.id(), FileReasons.denied(givenForm, realForm, rule));
            }
        }
        return (access == FileAccess.READ ? read : write).decide(givenForm, realForm, same);
    }

    /** The {@code files.read} rules, in policy order. */
    public List<PathRule> readRules() {
        return read.rules;
    }

    /** The {@code files.write} rules, in policy order. */
    public List<PathRule> writeRules() {
        return write.rules;
    }

    /** The {@code files.deny} rules, in policy order. */
    public List<PathRule> denyRules() {
        return List.of(deny);
    }

    /** The baseline globs for one access. */
    public List<PathGlob> baseline(FileAccess access) {
        return List.of((access == FileAccess.READ ? read : write).baseline);
    }

    /** The protected paths. */
    public List<ProtectedPath> protectedPaths() {
        return List.of(protectedPaths);
    }

    /** The grants for one access: user rules, then the baseline, each with its prebuilt allowed decision. */
    private static final class Grants {
        private final FileAccess access;
        private final List<PathRule> rules;
        private final PathGlob[] globs;
        private final PathGlob[] baseline;
        private final Decision[] allowed;
        private final String grantedInstead;

        Grants(FileAccess access, List<PathRule> rules, List<PathGlob> baseline) {
            this.access = access;
            this.rules = List.copyOf(rules);
            this.baseline = baseline.toArray(new PathGlob[0]);
            int n = rules.size();
            this.globs = new PathGlob[n + this.baseline.length];
            this.allowed = new Decision[globs.length];
            for (int i = 0; i < n; i++) {
                PathRule rule = rules.get(i);
                globs[i] = rule.glob();
                allowed[i] = Decision.allow(rule.id(), FileReasons.allowedByRule(rule));
            }
            for (int i = 0; i < this.baseline.length; i++) {
                globs[n + i] = this.baseline[i];
                allowed[n + i] = Decision.allow("baseline", FileReasons.allowedByBaseline(access, this.baseline[i]));
            }
            this.grantedInstead = FileReasons.grantedInstead(access, this.rules);
        }

        Decision decide(String given, String real, boolean same) {
            int g = first(given, 0);
            if (g < 0) {
                return Decision.deny("default-deny", FileReasons.notGranted(access, given, given, grantedInstead));
            }
            if (same) {
                return allowed[g];
            }
            // prefer a rule that grants both forms, else the first that grants the real form
            for (int i = g; i >= 0 && i < globs.length; i = first(given, i + 1)) {
                if (globs[i].matches(real)) {
                    return allowed[i];
                }
            }
            int r = first(real, 0);
            if (r < 0) {
                return Decision.deny("default-deny", FileReasons.notGranted(access, given, real, grantedInstead));
            }
            return allowed[r];
        }

        private int first(String path, int from) {
            for (int i = from; i < globs.length; i++) {
                if (globs[i].matches(path)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
