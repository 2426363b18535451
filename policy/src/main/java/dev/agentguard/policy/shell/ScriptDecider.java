package dev.agentguard.policy.shell;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.file.UndecidablePathException;
import dev.agentguard.policy.process.ProgramResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides every part of one parsed script, following the directory that {@code cd} sets.
 *
 * <p>The directory is tracked as the set of directories a command may run in, because whether a
 * {@code cd} worked is known only when it runs: after {@code cd /a; x} the command {@code x} is decided in
 * both the old directory and {@code /a}; after {@code cd /a && x} in {@code /a} only. Each command maps
 * the set it may start in to the sets it may leave behind on success and on failure, which {@code &&},
 * {@code ||}, {@code !}, {@code ;} and {@code &} combine. Subshells, pipeline stages and background
 * lists leave the directory as it was. A part is decided once per directory it may run in.
 */
final class ScriptDecider {
    static final int MAX_PARTS = 100;
    static final int MAX_DIRECTORIES = 8;

    private static final Decision BUILTIN = Decision.allow(ShellStarts.RULE, "shell builtin: starts no program");
    private static final Decision ASSIGNMENT = Decision.allow(ShellStarts.RULE, "assignment of a permitted variable");

    /** The directories a list may leave behind when its status is zero ({@code ok}) or not. */
    private record Flow(Set<String> ok, Set<String> failed) {
        static Flow same(Set<String> dirs) {
            return new Flow(dirs, dirs);
        }

        Set<String> either() {
            return union(ok, failed);
        }
    }

    private final String script;
    private final String startDir;
    private final ShellEnvironment env;
    private final ShellStarts starts;
    private final FileRules files;
    private final int nesting;
    private final List<ShellPart> parts = new ArrayList<>();

    ScriptDecider(String script, String startDir, ShellEnvironment env, ShellStarts starts, FileRules files,
                  int nesting) {
        this.script = script;
        this.startDir = startDir;
        this.env = env;
        this.starts = starts;
        this.files = files;
        this.nesting = nesting;
    }

    /** Decides all parts; the list is in script order, each part once per directory. */
    List<ShellPart> decide(Syntax.Script parsed) throws UndecidableScript {
        Set<String> dirs = new LinkedHashSet<>();
        dirs.add(startDir);
        list(parsed, dirs);
        return parts;
    }

    private Flow list(Syntax.Script list, Set<String> dirs) throws UndecidableScript {
        Set<String> current = dirs;
        Flow last = Flow.same(dirs);
        for (Syntax.Item item : list.items()) {
            Flow f = andOr(item.andOr(), current);
            if (item.background()) {
                last = Flow.same(current);
            } else {
                current = limited(f.either(), item.andOr().pipelines().get(0).commands().get(0).start());
                last = f;
            }
        }
        return last;
    }

    private Flow andOr(Syntax.AndOr andOr, Set<String> dirs) throws UndecidableScript {
        Flow f = pipeline(andOr.pipelines().get(0), dirs);
        for (int k = 0; k < andOr.ops().size(); k++) {
            Syntax.Pipeline next = andOr.pipelines().get(k + 1);
            if (andOr.ops().get(k).equals("&&")) {
                Flow g = pipeline(next, f.ok());
                f = new Flow(g.ok(), union(f.failed(), g.failed()));
            } else {
                Flow g = pipeline(next, f.failed());
                f = new Flow(union(f.ok(), g.ok()), g.failed());
            }
        }
        return f;
    }

    private Flow pipeline(Syntax.Pipeline pipeline, Set<String> dirs) throws UndecidableScript {
        Flow f;
        if (pipeline.commands().size() == 1) {
            f = command(pipeline.commands().get(0), dirs);
        } else {
            // Every stage runs in a subshell of its own: a cd there changes nothing after the pipeline.
            for (Syntax.Command c : pipeline.commands()) {
                command(c, dirs);
            }
            f = Flow.same(dirs);
        }
        return pipeline.negated() ? new Flow(f.failed(), f.ok()) : f;
    }

    private Flow command(Syntax.Command command, Set<String> dirs) throws UndecidableScript {
        if (command instanceof Syntax.Simple) {
            return simple((Syntax.Simple) command, dirs);
        }
        for (String dir : dirs) {
            redirects(command.redirects(), dir);
        }
        if (command instanceof Syntax.Subshell) {
            list(((Syntax.Subshell) command).body(), dirs);
            return Flow.same(dirs);
        }
        return list(((Syntax.Group) command).body(), dirs);
    }

    private Flow simple(Syntax.Simple c, Set<String> dirs) throws UndecidableScript {
        Set<String> ok = new LinkedHashSet<>();
        for (String dir : dirs) {
            ok.add(simpleIn(c, dir));
        }
        return new Flow(limited(ok, c.start()), dirs);
    }

    /** Decides one simple command run in {@code dir}; returns the directory it leaves when it succeeds. */
    private String simpleIn(Syntax.Simple c, String dir) throws UndecidableScript {
        String text = text(c.start(), c.end());
        redirects(c.redirects(), dir);
        if (c.words().isEmpty()) {
            // Alone, an assignment sets the shell's own variable (PATH, IFS, HOME, …) for what follows.
            for (Word a : c.assignments()) {
                String name = assignedName(a);
                add(a.source(), a.start(), dir, PrefixAssignments.permitted(name, null) ? ASSIGNMENT
                        : undecided(assignmentRefused(name)));
            }
            return dir;
        }
        String[] argv = new String[c.words().size()];
        for (int k = 0; k < argv.length; k++) {
            Word w = c.words().get(k);
            if (w.glob()) {
                add(text, c.start(), dir, undecided("a pattern in " + (k == 0 ? "the command word" : "argument " + k)
                        + " '" + w.source() + "' at character " + (w.start() + 1)
                        + " (pathname expansion would choose the arguments when it runs)"));
                return dir;
            }
            argv[k] = w.expand(env.home());
            if (argv[k] == null) {
                add(text, c.start(), dir, undecided("'~' at character " + (w.start() + 1)
                        + " with no HOME in the child's environment"));
                return dir;
            }
        }
        String name = argv[0];
        if (name.isEmpty()) {
            add(text, c.start(), dir, undecided("an empty command name"));
            return dir;
        }
        if (name.indexOf('/') < 0) {
            if (Commands.DECIDED_BUILTINS.contains(name)) {
                // Before a special builtin (':', exit) an assignment stays in the shell for what follows,
                // so it is decided as an assignment alone.
                if (!assignmentsPermitted(c, null, text, dir)) {
                    return dir;
                }
                return builtin(argv, text, c, dir);
            }
            if (Commands.REFUSED_BUILTINS.contains(name)) {
                add(text, c.start(), dir, undecided("the builtin '" + name + "' (not decided inside a script)"));
                return dir;
            }
        }
        if (name.indexOf('/') >= 0 && ProcessRelativePaths.throughProc(name.startsWith("/") ? name : dir + "/" + name)) {
            add(text, c.start(), dir, undecided("the program '" + name + "' leads through /proc (it would be found"
                    + " from the shell there, from the JVM here)"));
            return dir;
        }
        String resolved = ProgramResolver.resolve(name, env.path(), dir);
        if (!assignmentsPermitted(c, resolved, text, dir)) {
            return dir;
        }
        String runs = Commands.runsAnother(argv, resolved);
        if (runs != null) {
            add(text, c.start(), dir, undecided(runs + " (not decided inside a script: grant that program"
                    + " directly)"));
            return dir;
        }
        ShellVerdict verdict = starts.decide(resolved, argv, dir, env, nesting + 1);
        Decision decision = verdict.decision();
        if (decision.allowed() && starts.guardedJvm(resolved, decision)) {
            decision = undecided("'" + Commands.fileName(resolved) + "' is a JVM that " + decision.rule()
                    + " runs under the guard, which a script cannot give it (the shell starts it, not the JDK);"
                    + " start it directly, or set guard: false on that rule");
        }
        addPart(new ShellPart(text, c.start(), shown(dir), nesting, List.of(argv), decision));
        for (ShellPart nested : verdict.parts()) {
            addPart(nested);
        }
        return dir;
    }

    private String builtin(String[] argv, String text, Syntax.Simple c, String dir) throws UndecidableScript {
        String name = argv[0];
        if (name.equals("cd")) {
            String why = cdRefused(argv, dir);
            if (why != null) {
                add(text, c.start(), dir, undecided(why));
                return dir;
            }
            add(text, c.start(), dir, BUILTIN);
            return PathForms.givenForm(argv[1], dir);
        }
        if (name.equals("exit") && (argv.length > 2 || (argv.length == 2 && !argv[1].matches("[0-9]{1,3}")))) {
            add(text, c.start(), dir, undecided("'exit' with an argument other than a number"));
            return dir;
        }
        if (name.equals("printf") && argv.length > 1 && argv[1].startsWith("-v")) {
            add(text, c.start(), dir, undecided("'printf -v' (sets a variable)"));
            return dir;
        }
        if (name.equals("test") || name.equals("[")) {
            String why = variableTest(argv);
            if (why != null) {
                add(text, c.start(), dir, undecided(why));
                return dir;
            }
            fileTests(argv, c.start(), dir);
        }
        add(text, c.start(), dir, BUILTIN);
        return dir;
    }

    /**
     * bash's {@code test -v NAME} and {@code -R NAME} look a variable up: {@code NAME[SUBSCRIPT]} evaluates the
     * subscript as arithmetic, which runs command substitutions inside it and assigns variables
     * ({@code a[PATH=0]} sets PATH), even though the word itself was literal. Refused wherever they appear
     * (an operand that only looks like one is refused too: safe side).
     */
    private static String variableTest(String[] argv) {
        for (int k = 1; k < argv.length; k++) {
            if (argv[k].equals("-v") || argv[k].equals("-R")) {
                return "'" + argv[0] + " " + argv[k] + "' (bash evaluates a variable's subscript, which can run"
                        + " commands and assign variables)";
            }
        }
        return null;
    }

    /**
     * {@code test -f FILE} looks at a file: each operand of a file test is decided as a read, as
     * {@code File.exists} in the JVM is. (An operand that is not meant as a file is decided too: safe side.)
     */
    private void fileTests(String[] argv, int start, String dir) throws UndecidableScript {
        for (int k = 1; k < argv.length; k++) {
            String op = argv[k];
            boolean unary = op.length() == 2 && op.charAt(0) == '-' && "abcdefghLprsSuwxOGNk".indexOf(op.charAt(1)) >= 0;
            boolean binary = op.equals("-nt") || op.equals("-ot") || op.equals("-ef");
            if ((unary || binary) && k + 1 < argv.length && !argv[k + 1].equals("]")) {
                fileRead(argv[k + 1], start, dir);
            }
            if (binary && k > 1) {
                fileRead(argv[k - 1], start, dir);
            }
        }
    }

    private void fileRead(String path, int start, String dir) throws UndecidableScript {
        if (path.isEmpty()) {
            return;
        }
        add("test " + path, start, dir, decideFile(FileAccess.READ, path, dir, "test " + path));
    }

    /** A file the shell opens (or looks at) in {@code dir}, decided like the same access from the JVM. */
    private Decision decideFile(FileAccess access, String path, String dir, String text) {
        String given = PathForms.givenForm(path, dir);
        if (given.startsWith("/dev/tcp/") || given.startsWith("/dev/udp/")) {
            // bash opens a network connection for these names instead of a file.
            return undecided("the bash network redirection '" + text + "'");
        }
        if (ProcessRelativePaths.throughProc(path.startsWith("/") ? path : dir + "/" + path)) {
            return undecided("'" + text + "' leads through /proc (self, cwd and fd there mean the shell, not the JVM"
                    + " where it is decided; use >&2 for standard error)");
        }
        try {
            return files.decide(access, given, PathForms.realForm(path, dir));
        } catch (UndecidablePathException e) {
            return e.decision();
        }
    }

    /** {@code cd DIR} with one literal directory, no options, no {@code ..}; else why not. */
    private static String cdRefused(String[] argv, String dir) {
        if (argv.length > 1 && argv[1].startsWith("-")) {
            return "'cd " + argv[1] + "' (options and 'cd -' are not decided)";
        }
        if (argv.length != 2 || argv[1].isEmpty()) {
            return "'cd' without exactly one directory";
        }
        String target = argv[1];
        for (String segment : target.split("/", -1)) {
            if (segment.equals("..")) {
                // The shell's logical path (from PWD) and the real path may name different parents.
                return "'..' in 'cd " + target + "'";
            }
        }
        if (ProcessRelativePaths.throughProc(target.startsWith("/") ? target : dir + "/" + target)) {
            // /proc/self/cwd would be the shell's directory there, the JVM's here.
            return "'cd " + target + "' leads through /proc";
        }
        return null;
    }

    private void redirects(List<Syntax.Redirect> redirects, String dir) throws UndecidableScript {
        for (Syntax.Redirect r : redirects) {
            if (!r.opensFile()) {
                continue;
            }
            String text = (r.fd() == (r.op().startsWith("<") ? 0 : 1) ? "" : String.valueOf(r.fd())) + r.op()
                    + r.target().source();
            String path = r.target().expand(env.home());
            if (path == null) {
                add(text, r.start(), dir, undecided("'~' with no HOME in the child's environment"));
                continue;
            }
            if (r.reads()) {
                add(text, r.start(), dir, decideFile(FileAccess.READ, path, dir, text));
            }
            if (r.writes()) {
                add(text, r.start(), dir, decideFile(FileAccess.WRITE, path, dir, text));
            }
        }
    }

    /** Whether every assignment of {@code c} is permitted for {@code program}; records a refusal when not. */
    private boolean assignmentsPermitted(Syntax.Simple c, String program, String text, String dir)
            throws UndecidableScript {
        for (Word a : c.assignments()) {
            String var = assignedName(a);
            if (!PrefixAssignments.permitted(var, program)) {
                add(text, c.start(), dir, undecided(assignmentRefused(var)));
                return false;
            }
        }
        return true;
    }

    private static String assignedName(Word assignment) {
        return assignment.value().substring(0, assignment.value().indexOf('='));
    }

    private static String assignmentRefused(String name) {
        return "the assignment " + name + "=… (only locale, time zone and terminal variables may be set in a"
                + " decomposed script)";
    }

    private static Decision undecided(String why) {
        return Decision.deny(ShellStarts.RULE, why);
    }

    private void add(String text, int start, String dir, Decision decision) throws UndecidableScript {
        addPart(new ShellPart(text, start, shown(dir), nesting, null, decision));
    }

    private String shown(String dir) {
        return dir.equals(startDir) ? null : dir;
    }

    private void addPart(ShellPart part) throws UndecidableScript {
        if (parts.size() >= MAX_PARTS) {
            throw new UndecidableScript("more than " + MAX_PARTS + " parts", part.start());
        }
        parts.add(part);
    }

    private String text(int start, int end) {
        return script.substring(start, Math.max(start, end)).replace("\\\n", "").replace('\n', ' ');
    }

    private static Set<String> limited(Set<String> dirs, int at) throws UndecidableScript {
        if (dirs.size() > MAX_DIRECTORIES) {
            throw new UndecidableScript("more than " + MAX_DIRECTORIES + " possible directories (cd)", at);
        }
        return dirs;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.containsAll(b)) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
