package dev.agentguard.policy;

import dev.agentguard.policy.env.EnvRules;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.file.UndecidablePathException;
import dev.agentguard.policy.jvm.AgentLoads;
import dev.agentguard.policy.jvm.DiagnosticCommands;
import dev.agentguard.policy.jvm.JvmRules;
import dev.agentguard.policy.nativecode.NativeRules;
import dev.agentguard.policy.net.NetworkRules;
import dev.agentguard.policy.process.ProcessRules;
import dev.agentguard.policy.process.ProgramResolver;
import dev.agentguard.policy.shell.ShellEnvironment;
import dev.agentguard.policy.shell.ShellStarts;
import dev.agentguard.policy.shell.ShellVerdict;
import dev.agentguard.policy.shell.TrustedShells;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled, immutable policy: one rule set per resource, plus the settings the agent needs (mode,
 * audit, killswitch, budgets). Built only by {@link dev.agentguard.policy.load.PolicyLoader}.
 *
 * <p>The agent's hooks call the per-resource rules directly ({@link #files()}, {@link #network()}, ...)
 * with arguments they already hold; {@link #decide(Request)} is the same decision for a request written
 * out in words, as {@code guard.jar explain} and tests use it.
 */
public final class Policy {
    private final String displayName;
    private final String path;
    private final String sha256;
    private final Mode mode;
    private final AuditSettings audit;
    private final String killswitchFile;
    private final PolicyContext context;
    private final FileRules files;
    private final ProcessRules processes;
    private final ShellStarts shellStarts;
    private final NetworkRules network;
    private final EnvRules env;
    private final NativeRules natives;
    private final Budgets budgets;
    private final List<Baseline.Entry> baseline;
    private final JvmRules jvm;

    private Policy(Builder b) {
        this.displayName = Objects.requireNonNull(b.displayName);
        this.path = b.path;
        this.sha256 = Objects.requireNonNull(b.sha256);
        this.mode = Objects.requireNonNull(b.mode);
        this.audit = Objects.requireNonNull(b.audit);
        this.killswitchFile = b.killswitchFile;
        this.context = Objects.requireNonNull(b.context);
        this.files = Objects.requireNonNull(b.files);
        this.processes = Objects.requireNonNull(b.processes);
        this.shellStarts = new ShellStarts(processes, files, Objects.requireNonNull(b.shells));
        this.network = Objects.requireNonNull(b.network);
        this.env = Objects.requireNonNull(b.env);
        this.natives = Objects.requireNonNull(b.natives);
        this.budgets = Objects.requireNonNull(b.budgets);
        this.baseline = List.copyOf(b.baseline);
        this.jvm = Objects.requireNonNull(b.jvm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Decides a request written out in words (see {@link Request#parse}). */
    public Decision decide(Request request) {
        switch (request.category()) {
            case FILE: {
                FileAccess access = request.op().equals("write") ? FileAccess.WRITE : FileAccess.READ;
                String given = PathForms.givenForm(request.target(), context.workdir());
                try {
                    return files.decide(access, given, PathForms.realForm(request.target(), context.workdir()));
                } catch (UndecidablePathException e) {
                    return e.decision();
                }
            }
            case PROCESS:
                return decideStart(request.argv()).decision();
            case NETWORK:
                return decideNetwork(request);
            case ENV:
                return env.decide(request.target());
            case NATIVE: {
                String target = request.target();
                if (target.indexOf('/') >= 0) {
                    try {
                        return natives.decide(null, PathForms.realForm(target, context.workdir()));
                    } catch (UndecidablePathException e) {
                        return e.decision();
                    }
                }
                return natives.decide(target, null);
            }
            case JVM:
                return decideJvm(request);
            default:
                throw new IllegalArgumentException("no policy decision for category " + request.category());
        }
    }

    /**
     * A diagnostic command line: {@code JVMTI.agent_load} by {@code jvm.agents} (which needs the file rules:
     * the agent must be a file the program cannot change), every other command by {@code jvm.diagnostics}.
     */
    public AgentLoads.Verdict decideDiagnostic(String commandLine) {
        if (AgentLoads.COMMAND.equals(DiagnosticCommands.name(commandLine))) {
            return jvm.agents().decide(commandLine, files, context.classPath());
        }
        return new AgentLoads.Verdict(jvm.decideDiagnostic(commandLine), null, null);
    }

    private Decision decideJvm(Request request) {
        switch (request.op()) {
            case "diagnostic":
                return decideDiagnostic(request.target()).decision();
            case "heap-dump":
                try {
                    return jvm.decideHeapDump(PathForms.realForm(request.target(), context.workdir()));
                } catch (UndecidablePathException e) {
                    return e.decision();
                }
            case "set-flag":
                return jvm.decideSetFlag(request.target());
            default:
                return jvm.decideJfr();
        }
    }

    /**
     * A process start written out in words, as {@code explain} decides it: a shell script is decomposed
     * with the JVM's {@code PATH} and {@code HOME} standing for the child's environment, and the working
     * directory {@code ${workdir}}. The verdict lists the script's parts.
     */
    public ShellVerdict decideStart(List<String> command) {
        String[] argv = command.toArray(new String[0]);
        String program = ProgramResolver.resolve(argv[0], context.path(), context.workdir());
        Map<String, String> env = new HashMap<>();
        if (context.path() != null) {
            env.put("PATH", context.path());
        }
        if (context.home() != null) {
            env.put("HOME", context.home());
        }
        return shellStarts.decide(program, argv, context.workdir(), ShellEnvironment.of(env));
    }

    private Decision decideNetwork(Request request) {
        switch (request.op()) {
            case "resolve":
                return network.decideResolve(request.host());
            case "resolver":
                return network.decideResolverProvider(request.target());
            case "listen":
                if (request.unixPath() != null) {
                    return network.decideUnixListen(request.unixPath());
                }
                return network.decideListen(request.address(), request.port());
            default:
                if (request.unixPath() != null) {
                    return network.decideUnixConnect(request.unixPath());
                }
                if (request.address() != null) {
                    return network.decideConnect(null, request.address(), request.port());
                }
                // A connect by name needs the lookup and then the connect to what it returned.
                Decision lookup = network.decideResolve(request.host());
                if (!lookup.allowed()) {
                    return lookup;
                }
                return network.decideConnectByName(request.host(), request.port());
        }
    }

    public String displayName() { return displayName; }
    /** The absolute path of the policy file, or null for the embedded default. */
    public String path() { return path; }
    public String sha256() { return sha256; }
    public Mode mode() { return mode; }
    public AuditSettings audit() { return audit; }
    /** The killswitch file, or null when the policy has none. */
    public String killswitchFile() { return killswitchFile; }
    public PolicyContext context() { return context; }
    public FileRules files() { return files; }
    public ProcessRules processes() { return processes; }
    /** Decomposition of {@code sh -c} scripts ({@code process.shell}); asked only after the process rules denied. */
    public ShellStarts shellStarts() { return shellStarts; }
    public NetworkRules network() { return network; }
    public EnvRules env() { return env; }
    public NativeRules natives() { return natives; }
    public Budgets budgets() { return budgets; }
    public List<Baseline.Entry> baseline() { return baseline; }
    public JvmRules jvm() { return jvm; }

    /** Collects the compiled sections; every one must be set (an absent section compiles to "nothing granted"). */
    public static final class Builder {
        private String displayName;
        private String path;
        private String sha256;
        private Mode mode = Mode.ENFORCE;
        private AuditSettings audit;
        private String killswitchFile;
        private PolicyContext context;
        private FileRules files;
        private ProcessRules processes;
        private TrustedShells shells = TrustedShells.none();
        private NetworkRules network;
        private EnvRules env;
        private NativeRules natives;
        private Budgets budgets = Budgets.none();
        private List<Baseline.Entry> baseline = List.of();
        private JvmRules jvm = JvmRules.none();

        public Builder source(String displayName, String path, String sha256) {
            this.displayName = displayName;
            this.path = path;
            this.sha256 = sha256;
            return this;
        }

        public Builder mode(Mode mode) { this.mode = mode; return this; }
        public Builder audit(AuditSettings audit) { this.audit = audit; return this; }
        public Builder killswitchFile(String file) { this.killswitchFile = file; return this; }
        public Builder context(PolicyContext context) { this.context = context; return this; }
        public Builder files(FileRules files, List<Baseline.Entry> baseline) {
            this.files = files;
            this.baseline = baseline;
            return this;
        }
        public Builder processes(ProcessRules processes) { this.processes = processes; return this; }
        public Builder shells(TrustedShells shells) { this.shells = shells; return this; }
        public Builder network(NetworkRules network) { this.network = network; return this; }
        public Builder env(EnvRules env) { this.env = env; return this; }
        public Builder natives(NativeRules natives) { this.natives = natives; return this; }
        public Builder budgets(Budgets budgets) { this.budgets = budgets; return this; }
        public Builder jvm(JvmRules jvm) { this.jvm = jvm; return this; }

        public Policy build() {
            return new Policy(this);
        }
    }
}
