package dev.agentguard.policy.load;

import dev.agentguard.policy.AuditSettings;
import dev.agentguard.policy.Baseline;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.file.PathGlob;
import dev.agentguard.policy.file.PathRule;
import dev.agentguard.policy.file.ProtectedPath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Compiles the {@code files} section (POLICY.md section 4) with the baseline and the protected paths. */
final class FilesSection {
    private static final List<String> KEYS = List.of("read", "write", "deny", "allow_broad_workdir");

    private FilesSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy, String policyPath,
                        AuditSettings audit, String killswitch) {
        YamlNode.MapNode files = s.nodes.map(node, "files", KEYS);
        List<PathRule> read = rules(files, "read", s);
        List<PathRule> write = rules(files, "write", s);
        List<PathRule> deny = rules(files, "deny", s);
        if (!allowBroadWorkdir(files, s)) {
            BroadWorkdir.check(files, read, "read", s);
            BroadWorkdir.check(files, write, "write", s);
        }
        List<Baseline.Entry> baseline = Baseline.entries(s.jvm);
        List<ProtectedPath> protectedPaths = protectedPaths(policyPath, audit.file(), killswitch, s.jvm.guardJar());
        policy.files(new FileRules(read, write, deny, Baseline.globs(baseline, FileAccess.READ),
                Baseline.globs(baseline, FileAccess.WRITE), protectedPaths), baseline);
    }

    /** {@code files.allow_broad_workdir}: absent is false; anything but a YAML boolean is a problem. */
    private static boolean allowBroadWorkdir(YamlNode.MapNode files, SectionContext s) {
        YamlNode value = Nodes.get(files, "allow_broad_workdir");
        if (Nodes.isAbsent(value)) {
            return false;
        }
        Boolean b = s.nodes.bool(value, "files.allow_broad_workdir");
        return b != null && b;
    }

    private static List<PathRule> rules(YamlNode.MapNode files, String key, SectionContext s) {
        List<PathRule> rules = new ArrayList<>();
        String section = "files." + key;
        List<YamlNode.ScalarNode> items = s.nodes.strings(Nodes.get(files, key), section);
        for (int i = 0; i < items.size(); i++) {
            YamlNode.ScalarNode item = items.get(i);
            if (item == null) {
                continue;
            }
            String expanded = s.expand(item);
            if (expanded == null) {
                continue;
            }
            try {
                rules.add(PathRule.compile(section + "[" + i + "]", item.text(), expanded));
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
        return rules;
    }

    /** Section 4's always-protected files; a literal path is escaped so that its characters match only themselves. */
    static List<ProtectedPath> protectedPaths(String policyPath, String auditFile, String killswitch,
                                              String guardJar) {
        List<ProtectedPath> out = new ArrayList<>();
        Set<FileAccess> writes = EnumSet.of(FileAccess.WRITE);
        Set<FileAccess> both = EnumSet.of(FileAccess.READ, FileAccess.WRITE);
        if (policyPath != null) {
            literalAndReal(out, policyPath, writes, "the policy file");
        }
        if (guardJar != null) {
            // The boot loader reads guard classes from it lazily for as long as the JVM runs, and every guarded
            // child JVM is started with it: a guard.jar in a folder the policy lets the application write must
            // still not be changed, moved or replaced by the application.
            literalAndReal(out, guardJar, writes, "guard.jar");
            // And its folders, the directories themselves (not what they hold): a guarded child JVM is started
            // with guard.jar by this path, so a folder on it moved aside and replaced by a link to the
            // application's own "guard.jar" would start the child without its guard.
            folders(out, guardJar, writes, "guard.jar's folder");
        }
        literalAndReal(out, auditFile, both, "the audit log");
        if (killswitch != null) {
            literalAndReal(out, killswitch, writes, "the killswitch file");
            int slash = killswitch.lastIndexOf('/');
            if (slash > 0) {
                literalAndReal(out, killswitch.substring(0, slash), writes, "the killswitch's folder");
            }
        }
        out.add(glob("/proc/*/environ", both, "another process's environment"));
        out.add(glob("/proc/*/mem", both, "process memory"));
        out.add(glob("/proc/*/task/*/environ", both, "another process's environment"));
        out.add(glob("/proc/*/task/*/mem", both, "process memory"));
        return out;
    }

    private static ProtectedPath literal(String path, Set<FileAccess> blocks, String label) {
        return glob(PathGlob.escape(path), blocks, label);
    }

    /** The real form of a protected file too, when a link leads to it, so a link cannot be used to reach it. */
    private static void literalAndReal(List<ProtectedPath> out, String path, Set<FileAccess> blocks, String label) {
        out.add(literal(path, blocks, label));
        String real;
        try {
            real = dev.agentguard.policy.file.PathForms.realForm(path, "/");
        } catch (dev.agentguard.policy.file.UndecidablePathException e) {
            // Its real form cannot be found now; an access through it is denied as undecidable anyway.
            return;
        }
        if (!real.equals(path)) {
            out.add(literal(real, blocks, label + " (real path)"));
        }
    }

    /** Every folder above {@code path}, in its given and its real form, but the root. */
    private static void folders(List<ProtectedPath> out, String path, Set<FileAccess> blocks, String label) {
        Set<String> seen = new java.util.LinkedHashSet<>();
        ancestors(path, seen);
        try {
            ancestors(dev.agentguard.policy.file.PathForms.realForm(path, "/"), seen);
        } catch (dev.agentguard.policy.file.UndecidablePathException e) {
            // The given form's folders are protected; an access through an undecidable path is denied anyway.
        }
        for (String folder : seen) {
            out.add(literal(folder, blocks, label));
        }
    }

    private static void ancestors(String path, Set<String> into) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            into.add(path.substring(0, slash));
        }
    }

    private static ProtectedPath glob(String pattern, Set<FileAccess> blocks, String label) {
        try {
            return new ProtectedPath(PathGlob.compile(pattern), blocks, label);
        } catch (PatternException e) {
            throw new IllegalStateException("protected path " + pattern + ": " + e.getMessage(), e);
        }
    }
}
