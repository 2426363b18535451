package dev.agentguard.policy;

import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.PathGlob;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every policy grants so that the JVM itself can run (POLICY.md section 8), and nothing more.
 * Each entry says why it is there; {@code guard.jar explain --baseline} prints them.
 *
 * <p>Paths are granted in both the form the JDK opens them and their real form, because the file rules
 * check both: {@code /etc/localtime} is a link into {@code /usr/share/zoneinfo}, and Debian links
 * {@code ${java.home}/conf} into {@code /etc/java-17-openjdk}.
 */
public final class Baseline {
    /**
     * One granted path pattern (already a glob, absolute) with its reason. Its {@code equals} and
     * {@code hashCode} are written out: a record's generated ones are bootstrapped through method handles on
     * first use, which cost the agent's start-up about 20 ms for this set alone.
     */
    public record Entry(FileAccess access, String pattern, String why) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Entry e && e.access == access && e.pattern.equals(pattern) && e.why.equals(why);
        }

        @Override
        public int hashCode() {
            return (access.hashCode() * 31 + pattern.hashCode()) * 31 + why.hashCode();
        }
    }

    private static final String[] SYSTEM_FILES = {
        "/dev/null", "/dev/random", "/dev/urandom", "/etc/localtime", "/etc/timezone", "/etc/hosts",
        "/etc/nsswitch.conf", "/etc/resolv.conf", "/etc/host.conf", "/etc/gai.conf",
    };
    private static final String[] SYSTEM_TREES = {"/etc/ssl", "/etc/pki"};
    /** The files the JDK's container support (jdk.internal.platform) reads to size the heap and CPUs. */
    private static final String[] CONTAINER_FILES = {"mountinfo", "cgroup"};

    private Baseline() {}

    public static List<Entry> entries(PolicyContext context) {
        Set<Entry> out = new LinkedHashSet<>();
        javaHome(context.javaHome(), out);
        for (String entry : context.classPath()) {
            pathAndReal(FileAccess.READ, entry, true, "class path entry", out);
        }
        if (context.guardJar() != null) {
            pathAndReal(FileAccess.READ, context.guardJar(), false, "guard.jar", out);
        }
        for (String file : SYSTEM_FILES) {
            pathAndReal(FileAccess.READ, file, false, "system file the JDK reads", out);
        }
        for (String tree : SYSTEM_TREES) {
            pathAndReal(FileAccess.READ, tree, true, "system trust store", out);
        }
        for (String name : CONTAINER_FILES) {
            out.add(new Entry(FileAccess.READ, "/proc/self/" + name, "container support"));
            out.add(new Entry(FileAccess.READ, "/proc/" + context.pid() + "/" + name, "container support"));
        }
        out.add(new Entry(FileAccess.READ, "/proc/cgroups", "container support"));
        out.add(new Entry(FileAccess.READ, "/sys/fs/cgroup/**", "container support"));
        out.add(new Entry(FileAccess.WRITE, "/dev/null", "discarding output"));
        return new ArrayList<>(out);
    }

    /** The compiled globs for one access, for {@link dev.agentguard.policy.file.FileRules}. */
    public static List<PathGlob> globs(List<Entry> entries, FileAccess access) {
        List<PathGlob> globs = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.access() == access) {
                try {
                    globs.add(PathGlob.compile(entry.pattern()));
                } catch (PatternException e) {
                    // Built from escaped real paths: this cannot fail unless a path is not absolute.
                    throw new IllegalStateException("baseline entry " + entry.pattern() + ": " + e.getMessage(), e);
                }
            }
        }
        return globs;
    }

    /** Lines for {@code explain --baseline}. */
    public static List<String> describe(PolicyContext context) {
        List<String> lines = new ArrayList<>();
        for (Entry entry : entries(context)) {
            lines.add(String.format("%-5s %s  (%s)", entry.access() == FileAccess.READ ? "read" : "write",
                    entry.pattern(), entry.why()));
        }
        return lines;
    }

    private static void javaHome(String javaHome, Set<Entry> out) {
        pathAndReal(FileAccess.READ, javaHome, true, "the JDK (java.home)", out);
        Path home = Path.of(javaHome);
        if (!Files.isDirectory(home)) {
            return;
        }
        Path realHome;
        try {
            realHome = home.toRealPath();
        } catch (IOException e) {
            return;
        }
        // Links inside the JDK that lead out of it (conf -> /etc/java-17-openjdk, cacerts -> /etc/ssl/...).
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals("legal")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        try {
                            Path target = file.toRealPath();
                            if (!target.startsWith(realHome)) {
                                boolean dir = Files.isDirectory(target);
                                out.add(new Entry(FileAccess.READ, PathGlob.escape(target.toString())
                                        + (dir ? "/**" : ""), "linked from the JDK: " + home.relativize(file)));
                            }
                        } catch (IOException ignored) {
                            // A dangling link in the JDK grants nothing.
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // What could be walked was added; the rest is simply not granted.
        }
    }

    private static void pathAndReal(FileAccess access, String path, boolean tree, String why, Set<Entry> out) {
        Path p = Path.of(path);
        boolean isTree = tree && Files.isDirectory(p);
        out.add(new Entry(access, PathGlob.escape(p.toAbsolutePath().normalize().toString())
                + (isTree ? "/**" : ""), why));
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Path real = p.toRealPath();
                if (!real.equals(p.toAbsolutePath().normalize())) {
                    out.add(new Entry(access, PathGlob.escape(real.toString()) + (isTree ? "/**" : ""),
                            why + ", real path"));
                }
            }
        } catch (IOException ignored) {
            // Not there: only the form as named is granted.
        }
    }
}
