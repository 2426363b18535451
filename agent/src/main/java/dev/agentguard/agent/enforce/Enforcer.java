package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardDeniedException;
import dev.agentguard.agent.audit.Redactor;
import dev.agentguard.agent.budget.ByteBudgets;
import dev.agentguard.agent.budget.RateLimits;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.budget.RateCategory;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.process.ProgramResolver;
import java.io.File;
import java.io.FileDescriptor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guard's answer to every hook: asks the compiled {@link Policy}, records the call (POLICY.md section
 * 12), and in enforce mode turns a denial into a {@link GuardDeniedException} (section 10). The killswitch
 * comes first and denies in both modes.
 *
 * <p>Runs on application threads, inside {@code GuardBridge}'s reentrancy guard: the file system calls it
 * makes itself (resolving real paths, the audit write) are not checked again.
 */
public final class Enforcer implements Guard {
    private final Policy policy;
    private final Mode mode;
    private final String workdir;
    private final String jvmPath;
    private final Verdicts verdicts;
    private final Killswitch killswitch;
    private final ResolvedNames resolvedNames = new ResolvedNames();
    private final GrantedVariables grantedVariables = new GrantedVariables();
    private final RealForms realForms;
    private final RateLimits rates;
    private final ByteBudgets bytes;

    public Enforcer(Policy policy, Verdicts verdicts) {
        this.policy = policy;
        this.mode = policy.mode();
        this.workdir = policy.context().workdir();
        this.realForms = new RealForms(workdir);
        this.jvmPath = policy.context().path();
        this.verdicts = verdicts;
        this.killswitch = new Killswitch(policy.killswitchFile(), new Killswitch.Listener() {
            @Override
            public void changed(boolean tripped) {
                verdicts.killswitchChanged(tripped);
            }
        });
        this.rates = new RateLimits(policy.budgets().rates(), System.nanoTime());
        this.bytes = new ByteBudgets(policy.budgets().outboundBytes(), policy.budgets().outboundBytesPerHost());
    }

    /** Starts watching the killswitch file, on a thread marked as the guard's own with {@code guardKey}. */
    public void startKillswitch(Object guardKey) {
        killswitch.start(guardKey);
    }

    /** While the killswitch file exists every guarded call is denied, in both modes: this throws. */
    private void killswitch(Category category, String op, String target) {
        if (killswitch.tripped()) {
            throw verdicts.killswitchDenied(category, op, target, policy.killswitchFile());
        }
    }

    // ---- files -------------------------------------------------------------------------------------

    @Override
    public void file(int access, String op, String path) {
        if (SelfTest.FILE.equals(path)) {
            throw new GuardDeniedException("agentguard: self-test", "self-test");
        }
        killswitch(Category.FILE, op, path);
        String given = PathForms.givenForm(path, workdir);
        String real = access == READ ? realForms.forRead(path) : PathForms.realForm(path, workdir);
        decideFile(access, op, given, real);
    }

    @Override
    public void fileNoFollow(int access, String op, String path) {
        if (access != READ) {
            // A delete, rename, move or link (all checked here) may move a file whose real form is remembered.
            realForms.forget();
        }
        killswitch(Category.FILE, op, path);
        String given = PathForms.givenForm(path, workdir);
        String real = PathForms.realFormNoFollow(path, workdir);
        decideFile(access, op, given, real);
    }

    private void decideFile(int access, String op, String given, String real) {
        if (access == READ_WRITE) {
            // Read and write are granted separately; each is decided and recorded, from one real form, and
            // the open below takes one file.open token.
            verdicts.apply(policy.files().decide(FileAccess.READ, given, real), Category.FILE, op, given);
            verdicts.apply(policy.files().decide(FileAccess.WRITE, given, real), Category.FILE, op, given);
        } else {
            Decision decision = policy.files().decide(access == WRITE ? FileAccess.WRITE : FileAccess.READ, given, real);
            verdicts.apply(decision, Category.FILE, op, given);
        }
        if (op.startsWith("open") || op.equals("append")) {
            rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
        }
    }

    /** Takes a token of a rate budget after the policy allowed the call; without one the call is denied. */
    private void rate(RateCategory budget, Category category, String op, String target) {
        if (!rates.tryTake(budget)) {
            verdicts.budgetExhausted(budget, rates.limit(budget), category, op, target);
        }
    }

    @Override
    public void fileDescriptor(FileDescriptor fd) {
        killswitch(Category.FILE, "open-fd", "file descriptor");
        // A FileDescriptor object holds an open descriptor only when the JDK opened it: a checked open,
        // a socket or pipe of the JDK's, or stdin/out/err. An application can make only invalid ones
        // (new FileDescriptor()), and Unsafe may not address the number inside, so validity is the test.
        if (fd != null && fd.valid()) {
            return;
        }
        verdicts.apply(Decision.deny("default-deny", "opening a stream on a FileDescriptor that holds no open"
                + " descriptor is denied; open the file by its path instead"), Category.FILE, "open-fd",
                "file descriptor");
    }

    // ---- processes and environment -------------------------------------------------------------------------

    @Override
    public Map<String, String> exec(String[] argv, String directory, Map<String, String> environment,
                                    boolean prepaid) {
        String command = String.join(" ", argv);
        Map<String, String> decided = decideExec(argv, command, directory, environment);
        if (!prepaid) {
            rate(RateCategory.PROCESS_EXEC, Category.PROCESS, "exec", command);
        }
        return decided;
    }

    @Override
    public void execPipeline(String[][] argvs, String[] directories) {
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < argvs.length; i++) {
            String command = String.join(" ", argvs[i]);
            // The stages' environments are not at hand here; each start is decided again with its own.
            decideExec(argvs[i], command, directories[i], null);
            pipeline.append(i == 0 ? "" : " | ").append(command);
        }
        // All stages' tokens or none: a pipeline refused for its rate starts no stage.
        if (argvs.length > 0 && !rates.tryTake(RateCategory.PROCESS_EXEC, argvs.length)) {
            verdicts.budgetExhausted(RateCategory.PROCESS_EXEC, rates.limit(RateCategory.PROCESS_EXEC),
                    Category.PROCESS, "exec", pipeline.toString());
        }
    }

    /**
     * The killswitch and the policy's decision on one process start, recorded. Returns null, or for a
     * decomposed shell script started with an environment of the application's, the copy it was decided on.
     */
    private Map<String, String> decideExec(String[] argv, String command, String directory,
                                           Map<String, String> environment) {
        if (argv.length > 0 && SelfTest.FILE.equals(argv[0])) {
            throw new GuardDeniedException("agentguard: self-test", "self-test");
        }
        killswitch(Category.PROCESS, "exec", command);
        String childDir = directory == null ? workdir : PathForms.givenForm(directory, workdir);
        String program = argv.length == 0 ? null : ProgramResolver.resolve(argv[0], jvmPath, childDir);
        Decision decision = policy.processes().decide(program, argv);
        if (policy.shellStarts().applies(decision, program, argv)) {
            return ShellScriptStart.decide(policy, verdicts, argv, command, childDir, environment,
                    argvDetails(argv, command));
        }
        verdicts.apply(decision, Category.PROCESS, "exec", command, argvDetails(argv, command));
        return null;
    }

    /**
     * The argv as a list, for {@code guard.jar suggest}: the target joins it with spaces, which loses where an
     * argument with a space begins and ends ({@code sh -c "echo hi"}). Left out when the command holds a
     * secret: the redactor works on the joined text ({@code --token VALUE} spans two arguments), and a
     * list of separately redacted arguments could leak what the joined text hides.
     */
    static Map<String, Object> argvDetails(String[] argv, String command) {
        if (Redactor.redact(command) != command) {
            return null;
        }
        return Map.of("argv", java.util.Arrays.asList(argv.clone()));
    }

    @Override
    public void childEnvironment(Map<String, String> environment, boolean inherited) {
        List<String> hidden = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        Iterator<Map.Entry<String, String>> it = environment.entrySet().iterator();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (policy.env().stripped(name)) {
                // The strip list is not a read: it is removed in both modes, and nothing is recorded.
                it.remove();
            } else if (inherited && !policy.env().decide(name).allowed()) {
                hidden.add(name);
                if (mode == Mode.ENFORCE || killswitch.tripped()) {
                    it.remove();
                }
            } else if (inherited) {
                passed.add(name);
            }
        }
        if (!hidden.isEmpty()) {
            Collections.sort(hidden);
            verdicts.hidden(Category.ENV, "read-all", hidden);
        }
        if (!passed.isEmpty()) {
            // Recorded like any allowed call (audit.allowed), so the log shows which granted variables a
            // child or a System.getenv() caller received: `guard.jar suggest` must grant them again.
            Collections.sort(passed);
            verdicts.passed(Category.ENV, "read-all", passed);
        }
    }

    @Override
    public String getenv(String name, String value) {
        if (SelfTest.VARIABLE.equals(name)) {
            return SelfTest.VARIABLE_VALUE;
        }
        if (killswitch.tripped()) {
            verdicts.killswitchHidden(Category.ENV, "read", name, policy.killswitchFile());
            return null;
        }
        if (grantedVariables.contains(name)) {
            // Allowed before, and its record (if audit.allowed wants one more) already written: count it.
            verdicts.countAllowed(Category.ENV);
            return envReadToken(name, value);
        }
        Decision decision = policy.env().decide(name);
        if (decision.allowed()) {
            if (verdicts.allowed(decision, Category.ENV, "read", name)) {
                grantedVariables.add(name);
            }
            return envReadToken(name, value);
        }
        verdicts.hide(decision, Category.ENV, "read", name);
        return mode == Mode.ENFORCE ? null : value;
    }

    /** An allowed read takes an env.read token; without one it reads as absent (or only recorded in audit). */
    private String envReadToken(String name, String value) {
        if (!rates.tryTake(RateCategory.ENV_READ)
                && !verdicts.budgetExhaustedQuietly(RateCategory.ENV_READ, rates.limit(RateCategory.ENV_READ),
                        Category.ENV, "read", name)) {
            return null;
        }
        return value;
    }

    @Override
    public Map<String, String> getenvAll(Map<String, String> environment) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        childEnvironment(copy, true);
        return Collections.unmodifiableMap(copy);
    }

    // ---- network -------------------------------------------------------------------------------------

    @Override
    public void resolve(String host) throws UnknownHostException {
        if (host == null || host.isEmpty()) {
            return;
        }
        String name = ResolvedNames.normalize(host);
        if (SelfTest.HOST.equals(name)) {
            throw new UnknownHostException(SelfTest.HOST);
        }
        if (killswitch.tripped()) {
            GuardDeniedException denied = verdicts.killswitchDenied(Category.NETWORK, "resolve", name,
                    policy.killswitchFile());
            throw new UnknownHostException(host + ": " + denied.getMessage());
        }
        Decision decision = policy.network().decideResolve(name);
        if (!verdicts.applyQuietly(decision, Category.NETWORK, "resolve", name)) {
            // A denied lookup fails the way an unknown name does (section 6); the message says why.
            throw new UnknownHostException(host + ": " + Verdicts.message(Category.NETWORK, "resolve", name, decision));
        }
        if (!rates.tryTake(RateCategory.NETWORK_RESOLVE)
                && !verdicts.budgetExhaustedQuietly(RateCategory.NETWORK_RESOLVE,
                        rates.limit(RateCategory.NETWORK_RESOLVE), Category.NETWORK, "resolve", name)) {
            throw new UnknownHostException(host + ": agentguard: denied network resolve " + name
                    + " (rule budgets.rate.network.resolve): the rate budget is used up");
        }
    }

    @Override
    public void resolved(String host, InetAddress[] addresses) {
        resolvedNames.record(host, addresses);
    }

    @Override
    public void connect(String op, InetAddress address, int port) {
        byte[] bytes = address.getAddress();
        String literal = address.getHostAddress();
        String target = (address instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + port;
        killswitch(Category.NETWORK, op, target);
        String[] names = resolvedNames.namesFor(bytes);
        Decision decision = null;
        if (names.length == 0) {
            decision = policy.network().decideConnect(null, bytes, port);
        } else {
            for (String name : names) {
                decision = policy.network().decideConnect(name, bytes, port);
                if (decision.allowed()) {
                    target = name + ":" + port + " (" + literal + ")";
                    break;
                }
            }
        }
        // Denied (or would be, in audit mode) although the address came from lookups: the record names
        // them in details, so that `guard.jar suggest` can grant the host rather than an address that may
        // change. The target keeps its form (the literal), which tests and readers match on.
        Map<String, Object> details = names.length > 0 && !decision.allowed()
                ? Map.of("names", java.util.Arrays.asList(names.clone())) : null;
        verdicts.apply(decision, Category.NETWORK, op, target, details);
        if (op.equals("connect")) {
            rate(RateCategory.NETWORK_CONNECT, Category.NETWORK, op, target);
        }
    }

    @Override
    public boolean outbound(String op, InetAddress address, long count) {
        // Every socket write comes here: the target text is built only for a denial, not per write.
        if (killswitch.tripped()) {
            killswitch(Category.NETWORK, op, peerText(address));
        }
        if (!bytes.limited() || count <= 0) {
            return false;
        }
        String[] names = address == null ? new String[0] : resolvedNames.namesFor(address.getAddress());
        String refused = bytes.charge(count, names);
        if (refused != null) {
            // Enforce mode throws here; audit mode lets the write go uncharged (it is over budget already).
            String target = peerText(address);
            verdicts.bytesExhausted(refused, op, names.length > 0 ? names[0] + " (" + target + ")" : target, count);
            return false;
        }
        return true;
    }

    private static String peerText(InetAddress address) {
        return address == null ? "unknown peer" : address.getHostAddress();
    }

    @Override
    public void outboundUnsent(InetAddress address, long count) {
        if (count <= 0 || !bytes.limited()) {
            return;
        }
        bytes.refund(count, address == null ? new String[0] : resolvedNames.namesFor(address.getAddress()));
    }

    /** Budget usage for the summary record. */
    public java.util.Map<String, Object> budgetUsage() {
        java.util.Map<String, Object> usage = new LinkedHashMap<>(bytes.usage());
        java.util.Map<String, Object> limits = new LinkedHashMap<>();
        for (java.util.Map.Entry<RateCategory, String> e : rates.limits().entrySet()) {
            java.util.Map<String, Object> one = new LinkedHashMap<>();
            one.put("limit", e.getValue());
            one.put("refused", rates.refused(e.getKey()));
            limits.put(e.getKey().yamlName(), one);
        }
        if (!limits.isEmpty()) {
            usage.put("rate", limits);
        }
        return usage;
    }

    @Override
    public void unixSocket(boolean listen, String path) {
        String op = listen ? "listen-unix" : "connect-unix";
        String given = PathForms.givenForm(path, workdir);
        killswitch(Category.NETWORK, op, given);
        // Like a file, a socket path is checked as given and as it really is: a granted name can be a link
        // to another socket (say /var/run/docker.sock). A bind creates the path, so its parent is resolved.
        String real = listen ? PathForms.realFormNoFollow(path, workdir) : PathForms.realForm(path, workdir);
        Decision decision = listen ? policy.network().decideUnixListen(given) : policy.network().decideUnixConnect(given);
        if (decision.allowed() && !real.equals(given)) {
            Decision viaLink = listen ? policy.network().decideUnixListen(real) : policy.network().decideUnixConnect(real);
            if (!viaLink.allowed()) {
                decision = Decision.deny(viaLink.rule(), "unix:" + given + " resolves through a symbolic link to "
                        + real + ": " + viaLink.reason());
            }
        }
        verdicts.apply(decision, Category.NETWORK, op, "unix:" + given);
    }

    @Override
    public void listen(InetAddress address, int port) {
        byte[] bytes = address == null ? new byte[16] : address.getAddress();
        String literal = address == null ? "::" : address.getHostAddress();
        String target = (bytes.length == 16 ? "[" + literal + "]" : literal) + ":" + port;
        killswitch(Category.NETWORK, "listen", target);
        verdicts.apply(policy.network().decideListen(bytes, port), Category.NETWORK, "listen", target);
    }

    // ---- reverse lookups ---------------------------------------------------------------------------------

    @Override
    public boolean reverseLookup(InetAddress address) {
        String literal = address.getHostAddress();
        if (killswitch.tripped()) {
            verdicts.killswitchHidden(Category.NETWORK, "resolve-reverse", literal, policy.killswitchFile());
            return false;
        }
        Decision decision = policy.network().decideReverseLookup(address.getAddress());
        return verdicts.applyQuietly(decision, Category.NETWORK, "resolve-reverse", literal);
    }

    // ---- native code -----------------------------------------------------------------------------------

    @Override
    public void nativeLoad(String name, String path) {
        String target = name != null ? name : path;
        killswitch(Category.NATIVE, "load", target);
        String real = path == null ? null : PathForms.realForm(path, workdir);
        if (name != null && isJdkLibrary(name)) {
            verdicts.apply(JDK_LIBRARY, Category.NATIVE, "load", target);
            return;
        }
        if (real != null && real.startsWith(policy.context().javaHome() + "/lib/")) {
            verdicts.apply(JDK_LIBRARY, Category.NATIVE, "load", target);
            return;
        }
        verdicts.apply(policy.natives().decide(name, real), Category.NATIVE, "load", target);
    }

    @Override
    public void foreignAccess(Class<?> caller, String what) {
        killswitch(Category.NATIVE, "ffm", what);
        // Denied in audit mode too: once native code runs, nothing it does reaches the audit log, so letting
        // it through would make the audited run's record silently incomplete.
        throw verdicts.alwaysDenied(FOREIGN_DENIED, Category.NATIVE, "ffm", what);
    }

    /** The policy language has no grant for the foreign-function API: its restricted methods are denied. */
    private static final Decision FOREIGN_DENIED = Decision.deny("default-deny", "restricted methods of the"
            + " foreign-function API (Linker, SymbolLookup.libraryLookup, ...) run native code that no other check"
            + " sees, and the policy language has no grant for them (denied in audit mode too); use"
            + " System.loadLibrary with native.load");

    @Override
    public void tamper(String op, String target) {
        verdicts.tamper(op, target);
    }

    private static final Decision JDK_LIBRARY = Decision.allow("baseline",
            "a library of the JDK itself (${java.home}/lib)");

    /** A JDK library by name ({@code net}, {@code prefs}): part of the baseline, the JVM needs them. */
    private boolean isJdkLibrary(String name) {
        return name.indexOf('/') < 0 && new File(policy.context().javaHome() + "/lib/" + System.mapLibraryName(name)).isFile();
    }
}
