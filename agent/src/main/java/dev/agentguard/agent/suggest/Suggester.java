package dev.agentguard.agent.suggest;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.DefaultPolicy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.file.PathRule;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.process.InterpreterVariables;
import dev.agentguard.policy.process.ProgramResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the suggestion from what the run did: generalised file grants, argv patterns, exact network,
 * env and native entries; nothing in the embedded default's secret set (POLICY.md section 9), nothing a
 * base policy denies, and nothing a base policy already grants twice. The secret set and the base's
 * denies are always written into {@code files.deny}, so a folder grant cannot reach them either.
 */
final class Suggester {
    private final PolicyContext context;
    private final BasePolicy base;
    private final List<PathRule> secretSet;
    private final PathVariables variables;
    private final Generaliser generaliser;

    Suggester(PolicyContext context, BasePolicy base) throws PolicyException {
        this.context = context;
        this.base = base;
        // The secret set does not depend on ${workdir}; a run audited in / or in the home directory (under a
        // policy with files.allow_broad_workdir) must not make the embedded default refuse to load here.
        this.secretSet = DefaultPolicy.load(context.withWorkdir(context.tmp() + "/agentguard-suggest"),
                Overrides.NONE).files().denyRules();
        this.variables = new PathVariables(context.workdir(), context.home(), context.tmp());
        this.generaliser = new Generaliser(context.home(), context.tmp());
    }

    SuggestedPolicy suggest(RunActivity run) {
        SuggestedPolicy p = new SuggestedPolicy();
        if (base != null) {
            for (String section : new String[] {"vars", "audit", "budgets", "killswitch"}) {
                if (base.section(section) != null) {
                    p.copied.put(section, base.section(section));
                }
            }
            p.fileRead.addAll(base.strings("files", "read"));
            p.fileWrite.addAll(base.strings("files", "write"));
            p.fileDeny.addAll(base.strings("files", "deny"));
            p.exec.addAll(base.argvs("exec"));
            p.execDeny.addAll(base.argvs("deny"));
            p.strip.addAll(base.strip());
            p.connect.addAll(base.strings("network", "connect"));
            p.listen.addAll(base.strings("network", "listen"));
            p.resolve.addAll(base.strings("network", "resolve"));
            p.networkDeny.addAll(base.strings("network", "deny"));
            p.envRead.addAll(base.strings("env", "read"));
            p.nativeLoad.addAll(base.strings("native", "load"));
        }
        for (PathRule secret : secretSet) {
            SuggestedPolicy.addOnce(p.fileDeny, secret.written());
        }
        // Folders under ${tmp} that the run wrote in: on a fresh machine (or after /tmp was cleaned) the
        // program creates them first, which needs writing them, and checks them, which needs reading them.
        Set<String> tmpFolders = TmpFolders.around(run.writePaths.values(), run.writeFolders.values(), context.tmp(),
                context.workdir());
        files(run, FileAccess.READ, run.readPaths, run.readFolders, tmpFolders, p.fileRead, p);
        files(run, FileAccess.WRITE, run.writePaths, run.writeFolders, tmpFolders, p.fileWrite, p);
        processes(run, p);
        childVariables(run, p);
        network(run, p);
        env(run, p);
        natives(run, p);
        p.notGranted.addAll(run.notGranted.lines());
        return p;
    }

    // ---- files ---------------------------------------------------------------------------------------

    private void files(RunActivity run, FileAccess access, BoundedSet used, BoundedSet overflowFolders,
                       Set<String> created, List<String> out, SuggestedPolicy p) {
        String verb = access == FileAccess.READ ? "read" : "write";
        Set<String> paths = new LinkedHashSet<>();
        for (String path : used.values()) {
            String refused = refusal(access, path);
            if (refused != null) {
                run.notGranted.add("file " + verb + " " + path + ": " + refused);
            } else if (!grantedByBase(access, path)) {
                paths.add(path);
            }
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String folder : overflowFolders.values()) {
            if (refusal(access, folder) == null) {
                folders.add(folder);
            }
        }
        List<String> patterns = new ArrayList<>();
        List<Generaliser.Grant> grants = new ArrayList<>(generaliser.generalise(paths, folders));
        for (String folder : created) {
            if (refusal(access, folder) == null && !grantedByBase(access, folder)
                    && grants.stream().noneMatch(g -> g.covers(folder))) {
                grants.add(new Generaliser.Grant(folder, false));
            }
        }
        for (Generaliser.Grant grant : grants) {
            if (ProcPaths.isProc(grant.path())) {
                procPath(patterns, grant, run, verb);
                continue;
            }
            addPath(patterns, grant.path(), grant.folder(), run, verb);
            // A path is checked in its given and its real form (section 4): grant the real form too
            // where a symbolic link leads elsewhere on this machine.
            String real;
            try {
                real = PathForms.realForm(grant.path(), context.workdir());
            } catch (dev.agentguard.policy.file.UndecidablePathException e) {
                continue; // the guard would deny it as undecidable whatever the policy says
            }
            if (!real.equals(grant.path()) && refusal(access, real) == null) {
                addPath(patterns, real, grant.folder(), run, verb);
            }
        }
        for (String pattern : patterns) {
            SuggestedPolicy.addOnce(out, pattern);
        }
    }

    /**
     * A path under {@code /proc}: the audited JVM's own entries are granted as {@code /proc/self/...} and
     * {@code /proc/${pid}/...} (the form the guard checks, since /proc/self is a link to the pid); another
     * process's entries name a pid that changes every run, and are listed instead.
     */
    private void procPath(List<String> patterns, Generaliser.Grant grant, RunActivity run, String verb) {
        String rest = ProcPaths.ownRest(grant.path());
        if (rest == null) {
            run.notGranted.add("file " + verb + " " + grant.path() + ": another process's /proc entry, whose pid"
                    + " changes every run; not granted");
            return;
        }
        String escaped = dev.agentguard.policy.file.PathGlob.escape(rest);
        String tail = grant.folder() ? (escaped.isEmpty() ? "/**" : escaped + "/**") : escaped;
        patterns.add("/proc/self" + tail);
        patterns.add("/proc/${pid}" + tail);
    }

    private void addPath(List<String> patterns, String path, boolean folder, RunActivity run, String verb) {
        String pattern = variables.pattern(path, folder);
        if (pattern == null) {
            run.notGranted.add("file " + verb + " " + path + ": the path holds '${', which a policy cannot write");
        } else {
            patterns.add(pattern);
        }
    }

    /** Why {@code path} must not be granted (the secret set, a base deny), or null. */
    private String refusal(FileAccess access, String path) {
        for (PathRule secret : secretSet) {
            if (secret.glob().matchesSelfOrAncestor(path)) {
                return "in the secret set ('" + secret.written() + "')";
            }
        }
        if (base != null) {
            Decision d = base.compiled().files().decide(access, path, path);
            if (!d.allowed() && !d.rule().equals("default-deny")) {
                return "denied by the base policy (" + d.rule() + ")";
            }
        }
        return null;
    }

    private boolean grantedByBase(FileAccess access, String path) {
        return base != null && base.compiled().files().decide(access, path, path).allowed();
    }

    // ---- processes -----------------------------------------------------------------------------------

    private void processes(RunActivity run, SuggestedPolicy p) {
        if (run.commands.overflowed()) {
            run.warnings.add("more than " + ArgvPatterns.MAX_GROUPS + " different commands: some programs are"
                    + " granted with any arguments ([program, \"**\"]); review them");
        }
        for (ArgvPatterns.Pattern pattern : run.commands.patterns()) {
            List<String> literal = pattern.literal();
            String program = program(literal.get(0));
            if (program == null) {
                run.notGranted.add("process exec " + String.join(" ", literal) + ": the program name cannot be"
                        + " written as a policy pattern");
                continue;
            }
            if (base != null && !pattern.anyRest()) {
                String resolved = ProgramResolver.resolve(literal.get(0), context.path(), context.workdir());
                Decision d = base.compiled().processes().decide(resolved, literal.toArray(new String[0]));
                if (d.allowed()) {
                    continue;
                }
                if (d.rule().contains(".deny[")) {
                    run.notGranted.add("process exec " + String.join(" ", literal) + ": denied by the base policy ("
                            + d.rule() + ")");
                    continue;
                }
            }
            List<String> argv = new ArrayList<>();
            argv.add(program);
            for (int i = 1; i < literal.size(); i++) {
                argv.add(RunSpecific.glob(argument(literal.get(i))));
            }
            if (pattern.anyRest()) {
                argv.add("**");
            }
            if (!p.exec.contains(argv)) {
                p.exec.add(argv);
            }
        }
    }

    /**
     * Variables the application set for its children: {@code process.env.pass}, except interpreter variables,
     * which only an exec rule's {@code env} may grant by name, a decision left to a person.
     */
    private void childVariables(RunActivity run, SuggestedPolicy p) {
        for (String name : new TreeSet<>(run.childVariables.values())) {
            if (InterpreterVariables.contains(name)) {
                run.notGranted.add("process env " + name + ": the application set it for a child, and it makes a"
                        + " program run code or read configuration from where it says; if the program needs it,"
                        + " name it in the env: list of its exec rule");
            } else if (base == null || !base.compiled().processes().lifecycle().pass().stream()
                    .anyMatch(x -> x.matches(name))) {
                SuggestedPolicy.addOnce(p.envPass, name);
            }
        }
    }

    /** The program element: a bare name as given, an absolute path with variables; null when it cannot be written. */
    private String program(String argv0) {
        if (argv0.isEmpty() || argv0.contains("${")) {
            return null;
        }
        if (argv0.indexOf('/') < 0) {
            return hasGlobChars(argv0) ? null : argv0;
        }
        String absolute = PathForms.givenForm(argv0, context.workdir());
        return variables.pattern(absolute, false, false);
    }

    private static boolean hasGlobChars(String s) {
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '{' || c == '}' || c == '\\' || c == ',') {
                return true;
            }
        }
        return false;
    }

    /**
     * One argument as a glob that matches just it; a part the audit log redacted ({@code [REDACTED]})
     * becomes {@code *}, since the real value is not known (and must not be).
     */
    static String argument(String arg) {
        StringBuilder sb = new StringBuilder(arg.length() + 4);
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\' || c == '*' || c == '?' || c == '{' || c == '}' || c == ',') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString().replace("[REDACTED]", "*");
    }

    // ---- network, env, native ------------------------------------------------------------------------

    private void network(RunActivity run, SuggestedPolicy p) {
        Set<String> connectHosts = new TreeSet<>();
        for (String entry : new TreeSet<>(run.connect.values())) {
            SuggestedPolicy.addOnce(p.connect, entry);
            connectHosts.add(host(entry));
        }
        for (String name : new TreeSet<>(run.resolve.values())) {
            if (connectHosts.contains(name)) {
                continue;
            }
            if (base != null && base.compiled().network().decideResolve(name).allowed()) {
                continue;
            }
            SuggestedPolicy.addOnce(p.resolve, name);
        }
        for (String entry : new TreeSet<>(run.listen.values())) {
            SuggestedPolicy.addOnce(p.listen, entry);
        }
        for (String path : new TreeSet<>(run.unixConnect.values())) {
            unix(p.connect, path, run, "connect");
        }
        for (String path : new TreeSet<>(run.unixListen.values())) {
            unix(p.listen, path, run, "listen");
        }
        for (String address : run.reverseLookups.values()) {
            String bare = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
            if (!connectHosts.contains(bare)) {
                run.notGranted.add("network resolve-reverse " + address + ": a reverse lookup needs a"
                        + " network.connect entry for the address itself ('" + address + ":PORT'), not granted");
            }
        }
    }

    private void unix(List<String> out, String path, RunActivity run, String op) {
        String pattern = path.startsWith("/") ? variables.pattern(path, false) : null;
        if (pattern == null) {
            run.notGranted.add("network " + op + "-unix " + path + ": cannot be written as a policy pattern");
        } else {
            SuggestedPolicy.addOnce(out, "unix:" + pattern);
        }
    }

    /** The host of {@code host:port} or {@code [v6]:port}. */
    private static String host(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            return end < 0 ? entry : entry.substring(1, end);
        }
        int colon = entry.lastIndexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon);
    }

    private void env(RunActivity run, SuggestedPolicy p) {
        for (String name : run.credentialsSeenWhole()) {
            run.notGranted.add("variable " + name + " was only seen in a whole-environment read and looks like a"
                    + " credential: grant it by name if the program needs it");
        }
        List<String> listed = run.listedOnly();
        if (!listed.isEmpty()) {
            // Listed by System.getenv() or handed to a child whole, never looked up by name: not used.
            run.notGranted.add(listed.size() + " variable(s) only seen in whole-environment reads, never looked up"
                    + " by name, are not granted: " + String.join(", ", listed.subList(0, Math.min(40, listed.size())))
                    + (listed.size() > 40 ? ", ..." : ""));
        }
        // A granted variable reaches every child the program starts. A credential the program read by name
        // is meant for the program (an API key), not for `git` or a shell: strip it from the children.
        if (!run.commands.patterns().isEmpty()) {
            for (String name : new TreeSet<>(run.credentialsReadByName.values())) {
                if (p.strip.contains(name) || (base != null && base.compiled().env().stripped(name))) {
                    continue;
                }
                SuggestedPolicy.addOnce(p.strip, name);
                p.notes.add("process.env.strip holds " + name + ": the program read this credential by name and"
                        + " started processes, which would inherit it; remove it there if a child needs it");
            }
        }
        for (String name : new TreeSet<>(run.envNames.values())) {
            if (name.isEmpty() || name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
                run.notGranted.add("env read " + name + ": the name cannot be written as a policy entry");
                continue;
            }
            if (base != null && base.compiled().env().decide(name).allowed()) {
                continue;
            }
            SuggestedPolicy.addOnce(p.envRead, name);
        }
    }

    private void natives(RunActivity run, SuggestedPolicy p) {
        for (String library : new TreeSet<>(run.nativeLibraries.values())) {
            String entry = library.indexOf('/') < 0 ? library
                    : variables.pattern(PathForms.givenForm(library, context.workdir()), false);
            if (entry == null) {
                run.notGranted.add("native load " + library + ": cannot be written as a policy pattern");
            } else {
                SuggestedPolicy.addOnce(p.nativeLoad, entry);
            }
        }
    }
}
