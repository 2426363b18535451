package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import java.util.List;

/**
 * One {@code process.exec} or {@code process.deny} entry: a program and one glob per argument.
 *
 * <p>Element 0 names the program (see {@link ProgramResolver#resolveForPolicy}); it is compared with the
 * program the child would really run, not with {@code argv[0]}; for a named program {@code argv[0]}'s
 * file name must also be the written name (see {@link ProgramPattern}, multi-call binaries). Each further element
 * is an {@link ArgGlob} for the argument at the same index. A final {@code "**"} matches any remaining
 * arguments, zero or more; {@code **} anywhere else is an error, because "any number of arguments in
 * the middle" is never what a grant should mean.
 *
 * <p>{@link #matches} allocates nothing and uses no regex: it runs on every process start.
 */
public final class ArgvPattern {
    private final List<String> written;
    private final ProgramPattern program;
    private final ArgGlob[] args;
    private final boolean anyTail;
    private final ExecOptions options;

    private ArgvPattern(List<String> written, ProgramPattern program, ArgGlob[] args, boolean anyTail,
                        ExecOptions options) {
        this.written = written;
        this.program = program;
        this.args = args;
        this.anyTail = anyTail;
        this.options = options;
    }

    /** The same pattern with a map-form rule's options. */
    public ArgvPattern withOptions(ExecOptions options) {
        return new ArgvPattern(written, program, args, anyTail, options);
    }

    /** The rule's options ({@link ExecOptions#PLAIN} for a plain argv list). */
    public ExecOptions options() {
        return options;
    }

    /**
     * Compiles an entry from its elements as written, variables already expanded.
     *
     * @param jvmPath the JVM's own {@code PATH}, used to look up a bare program name; null means unset
     * @throws PatternException naming the element that is wrong ({@code argument 2 'a**': ...})
     */
    public static ArgvPattern compile(List<String> elements, String jvmPath) throws PatternException {
        if (elements == null || elements.isEmpty()) {
            throw new PatternException("an argv pattern needs at least one element, the program");
        }
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) == null) {
                throw new PatternException("element " + i + " is null; every element must be a string");
            }
        }
        ProgramPattern program = ProgramResolver.resolveForPolicy(elements.get(0), jvmPath);
        int last = elements.size() - 1;
        boolean tail = last >= 1 && elements.get(last).equals("**");
        ArgGlob[] args = new ArgGlob[tail ? last - 1 : last];
        for (int i = 0; i < args.length; i++) {
            String e = elements.get(i + 1);
            args[i] = ArgGlob.compile(e, "argument " + (i + 1) + " '" + e + "'");
        }
        return new ArgvPattern(List.copyOf(elements), program, args, tail, ExecOptions.PLAIN);
    }

    /**
     * Whether a start of {@code resolvedProgram} with {@code argv} is this entry.
     *
     * @param resolvedProgram from {@link ProgramResolver#resolve}; null (not found) never matches
     * @param argv the command as given; only the file name of {@code argv[0]} is compared
     */
    public boolean matches(String resolvedProgram, String[] argv) {
        return argv.length > 0 && program.matches(resolvedProgram, argv[0]) && argsMatch(argv);
    }

    /**
     * The match used for deny entries, where matching more is the safe side: a bare program name also
     * matches any program whose file name, or whose {@code argv[0]}'s file name, is that name. So
     * {@code ["git", "push", "**"]} denies {@code /tmp/x/git push} too, and still works when {@code git}
     * was not on {@code PATH} at load. Allocates nothing.
     */
    public boolean matchesForDeny(String resolvedProgram, String[] argv) {
        boolean prog = program.matches(resolvedProgram) || program.sameBareName(resolvedProgram)
                || (argv.length > 0 && program.sameBareName(argv[0]));
        return prog && wordsInOrder(argv);
    }

    /**
     * A deny entry's words as a user reads them: each element matches some argument, in the written
     * order, with any other arguments before, between and after them. {@code ["git", "push", "--force"]}
     * denies {@code git push origin --force} and {@code git -c x=y push --force}. A final {@code "**"} adds
     * nothing. Taking, for each word, the first argument after the previous word's that it matches finds a
     * match whenever one exists.
     */
    private boolean wordsInOrder(String[] argv) {
        int at = 1;
        for (ArgGlob word : args) {
            while (at < argv.length && (argv[at] == null || !word.matches(argv[at]))) {
                at++;
            }
            if (at == argv.length) {
                return false;
            }
            at++;
        }
        return true;
    }

    private boolean argsMatch(String[] argv) {
        int given = argv.length - 1;
        if (anyTail ? given < args.length : given != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String a = argv[i + 1];
            if (a == null || !args[i].matches(a)) {
                return false;
            }
        }
        return true;
    }

    public ProgramPattern program() {
        return program;
    }

    /** The elements as written. */
    public List<String> elements() {
        return written;
    }

    /** The entry as written, space-separated: {@code git diff **}. */
    public String text() {
        return CommandText.join(written, 0);
    }

    /**
     * The entry for a person, with a note when its program named nothing at load:
     * {@code git (not found on PATH when the policy loaded) status}.
     */
    public String describe() {
        String rest = CommandText.join(written.subList(1, written.size()), 0);
        String prog = CommandText.quote(program.written());
        if (!program.found()) {
            prog = prog + program.describe().substring(program.written().length());
        }
        return rest.isEmpty() ? prog : prog + " " + rest;
    }

    @Override
    public String toString() {
        return describe();
    }
}
