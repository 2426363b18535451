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
 *
 * <p>Speed: an allowed path must be tried against every protected path and deny rule, so the lists are
 * prefiltered ({@link FirstCharIndex}, and {@link AnyDepthNameFilter} for the {@code **}{@code /NAME}
 * deny rules); a rule a prefilter rules out cannot match, every other one is matched in full, in order.
 */
public final class FileRules {
    private final DenyRules deny;
    private final ProtectedPath[] protectedPaths;
    private final FirstCharIndex protectedIndex;
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
        this.deny = new DenyRules(deny);
        this.protectedPaths = protectedPaths.toArray(new ProtectedPath[0]);
        PathGlob[] protectedGlobs = new PathGlob[this.protectedPaths.length];
        for (int i = 0; i < protectedGlobs.length; i++) {
            protectedGlobs[i] = this.protectedPaths[i].glob();
        }
        this.protectedIndex = new FirstCharIndex(protectedGlobs);
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
        long givenCandidates = protectedIndex.candidates(givenForm);
        long realCandidates = same ? 0 : protectedIndex.candidates(realForm);
        for (int i = 0; i < protectedPaths.length; i++) {
            ProtectedPath p = protectedPaths[i];
            if (!p.blocks(access)) {
                continue;
            }
            if (FirstCharIndex.mayMatch(givenCandidates, i) && p.glob().matches(givenForm)) {
                return Decision.deny("protected", FileReasons.isProtected(access, givenForm, givenForm, p));
            }
            if (!same && FirstCharIndex.mayMatch(realCandidates, i) && p.glob().matches(realForm)) {
                return Decision.deny("protected", FileReasons.isProtected(access, givenForm, realForm, p));
            }
        }
        // the first rule matching either form; for that rule the given form is named first
        int g = deny.first(givenForm, deny.size());
        int r = same ? -1 : deny.first(realForm, g < 0 ? deny.size() : g);
        if (r >= 0) {
            PathRule rule = deny.get(r);
            return Decision.deny(rule.id(), FileReasons.denied(givenForm, realForm, rule));
        }
        if (g >= 0) {
            PathRule rule = deny.get(g);
            return Decision.deny(rule.id(), FileReasons.denied(givenForm, givenForm, rule));
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
        return deny.rules();
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
        private final FirstCharIndex index;

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
            this.index = new FirstCharIndex(globs);
        }

        Decision decide(String given, String real, boolean same) {
            int g = first(given, 0);
            if (g < 0) {
                return Decision.deny("default-deny", FileReasons.notGranted(access, given, given), grantedInstead);
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
                return Decision.deny("default-deny", FileReasons.notGranted(access, given, real), grantedInstead);
            }
            return allowed[r];
        }

        private int first(String path, int from) {
            long candidates = index.candidates(path);
            for (int i = from; i < globs.length; i++) {
                if (FirstCharIndex.mayMatch(candidates, i) && globs[i].matches(path)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
