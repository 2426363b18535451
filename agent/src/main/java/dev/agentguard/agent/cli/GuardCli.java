package dev.agentguard.agent.cli;

import dev.agentguard.agent.GuardVersion;
import dev.agentguard.agent.hooks.Hook;
import dev.agentguard.agent.hooks.HookTable;
import dev.agentguard.agent.suggest.SuggestCommand;
import dev.agentguard.policy.Baseline;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.DefaultPolicy;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.Request;
import dev.agentguard.policy.jvm.AgentGrant;
import dev.agentguard.policy.jvm.AgentLoads;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import dev.agentguard.policy.shell.ShellPart;
import dev.agentguard.policy.shell.ShellVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar guard.jar COMMAND} (POLICY.md section 13): check, explain, explain --baseline, init,
 * suggest, version. Each command returns its exit status; {@link #main} only exits with it.
 */
public final class GuardCli {
    static final int OK = 0;
    static final int DENIED_OR_INVALID = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final PolicyContext context;

    GuardCli(PrintStream out, PrintStream err, PolicyContext context) {
        this.out = out;
        this.err = err;
        this.context = context;
    }

    public static void main(String[] args) {
        PolicyContext context = PolicyContext.ofThisJvm(GuardVersion.jarPath());
        int status = new GuardCli(System.out, System.err, context).run(args);
        System.out.flush();
        System.exit(status);
    }

    int run(String[] args) {
        if (args.length == 0) {
            return usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "check":
                return check(rest);
            case "explain":
                return explain(rest);
            case "init":
                out.print(DefaultPolicy.text());
                return OK;
            case "suggest":
                return new SuggestCommand(out, err, context).run(rest);
            case "version":
                out.println("agentguard " + GuardVersion.version());
                return OK;
            case "hooks":
                return hooks(rest);
            case "help":
            case "--help":
            case "-h":
                usage(out);
                return OK;
            default:
                err.println("agentguard: unknown command '" + args[0] + "'");
                return usage();
        }
    }

    /**
     * One note per {@code jvm.agents} entry: a granted agent is trusted code, and whether its load would be
     * allowed now (the file exists, the program cannot change it, the pinned sha256 matches).
     */
    private void agentNotes(Policy policy) {
        List<AgentGrant> grants = policy.jvm().agents().grants();
        for (int i = 0; i < grants.size(); i++) {
            AgentGrant grant = grants.get(i);
            Decision now = policy.decideDiagnostic(AgentLoads.COMMAND + " " + grant.path()).decision();
            out.println("agentguard: note: jvm.agents[" + i + "] " + grant.path() + " is trusted code (a Java agent"
                    + " gets an Instrumentation and can switch the guard off; a native one runs unchecked)"
                    + (now.allowed() ? "; it loads as things are now" : "; it would be refused now: " + now.reason()));
        }
    }

    private int check(String[] args) {
        if (args.length != 1) {
            err.println("agentguard: usage: check POLICY");
            return USAGE;
        }
        try {
            Policy policy = PolicyLoader.load(Path.of(args[0]), context);
            out.println("agentguard: " + args[0] + ": valid (" + policy.mode().yamlName() + " mode, sha256 "
                    + policy.sha256() + ")");
            if (!policy.jvm().heapDumps().isEmpty()) {
                out.println("agentguard: note: jvm.heap_dump grants heap dumps to " + policy.jvm().heapDumps()
                        + ": a dump holds the environment and every secret in memory; keep that folder out of"
                        + " files.read and away from anything the program can send");
            }
            agentNotes(policy);
            if (policy.shellStarts().enabled()) {
                out.println("agentguard: process.shell: decompose: sh -c scripts of "
                        + String.join(", ", policy.shellStarts().shells().paths()) + " are decided part by part");
            }
            return OK;
        } catch (PolicyException e) {
            printProblems(e);
            return DENIED_OR_INVALID;
        }
    }

    private int explain(String[] args) {
        if (args.length == 1 && args[0].equals("--baseline")) {
            for (String line : Baseline.describe(context)) {
                out.println(line);
            }
            return OK;
        }
        if (args.length < 4) {
            err.println("agentguard: usage: explain POLICY CATEGORY OP TARGET... | explain --baseline");
            return USAGE;
        }
        Policy policy;
        try {
            policy = PolicyLoader.load(Path.of(args[0]), context);
        } catch (PolicyException e) {
            printProblems(e);
            return USAGE;
        }
        Request request;
        try {
            request = Request.parse(args[1], args[2], List.of(Arrays.copyOfRange(args, 3, args.length)), context);
        } catch (IllegalArgumentException e) {
            err.println("agentguard: " + e.getMessage());
            return USAGE;
        }
        Decision decision;
        List<ShellPart> parts = List.of();
        if (request.category() == Category.PROCESS) {
            ShellVerdict verdict = policy.decideStart(request.argv());
            decision = verdict.decision();
            parts = verdict.parts();
        } else {
            decision = policy.decide(request);
        }
        out.println((decision.allowed() ? "allow " : "deny ") + decision.rule() + ": " + decision.reasonWithGrants());
        // A decomposed sh -c script: one line per part, in script order.
        for (ShellPart part : parts) {
            out.println("  at " + (part.start() + 1) + ": " + part.describe());
        }
        return decision.allowed() ? OK : DENIED_OR_INVALID;
    }

    /** {@code hooks}: the hook table as Markdown; {@code hooks --ids}: the ids that apply to this JDK. */
    private int hooks(String[] args) {
        int jdk = Runtime.version().feature();
        if (args.length == 1 && args[0].equals("--ids")) {
            for (Hook hook : HookTable.rowsFor(jdk)) {
                out.println(hook.id());
            }
            return OK;
        }
        out.println("| class | method | descriptor | JDK | check | on deny |");
        out.println("| --- | --- | --- | --- | --- | --- |");
        for (Hook hook : HookTable.rows()) {
            String versions = hook.fromJdk() + (hook.toJdk() == Integer.MAX_VALUE ? "+"
                    : hook.toJdk() == hook.fromJdk() ? "" : "-" + hook.toJdk());
            out.println("| `" + hook.className() + "` | `" + hook.method() + "` | `" + hook.descriptor() + "` | "
                    + versions + " | " + hook.check() + " | " + hook.onDeny() + " |");
        }
        return OK;
    }

    private void printProblems(PolicyException e) {
        for (String problem : e.problems()) {
            err.println("agentguard: " + problem);
        }
    }

    private int usage() {
        usage(err);
        return USAGE;
    }

    private static void usage(PrintStream to) {
        to.println("usage: java -jar guard.jar COMMAND");
        to.println("  check POLICY                          validate a policy (exit 0 valid, 1 invalid)");
        to.println("  explain POLICY CATEGORY OP TARGET...  decide one request, e.g. 'file read ~/.ssh/id_rsa',");
        to.println("                                        'network connect api.openai.com:443', 'env read HOME',");
        to.println("                                        'process exec git status', 'native load z',");
        to.println("                                        'jvm diagnostic Thread.print', 'jvm heap-dump PATH'");
        to.println("                                        (exit 0 allow, 1 deny, 2 invalid policy or request)");
        to.println("  explain --baseline                    list what every policy grants so the JVM can run");
        to.println("  init                                  print the embedded default policy as commented YAML");
        to.println("  suggest AUDIT.jsonl [--base POLICY]   print a policy granting what an audited run did, nothing more");
        to.println("  version                               print the guard's version");
        to.println("  hooks [--ids]                         print every hooked JDK method and its check");
        to.println("as an agent: java -javaagent:guard.jar[=policy.yaml | policy=F,mode=enforce|audit,audit=F] ...");
    }
}
