package dev.agentguard.agent.suggest;

import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.PolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code guard.jar suggest AUDIT.jsonl [--base POLICY]} (POLICY.md section 13): reads an audit log and
 * prints a policy that grants what the audited run did and nothing more. Unreadable lines are named on
 * stderr and skipped; the exit status is 0 whenever a policy was printed, 1 when the log or the base
 * policy cannot be read, 2 for a usage error.
 *
 * <p>{@code ${workdir}}, {@code ${home}} and {@code ${tmp}} are taken from the log's first start record;
 * a log without one (written before the guard recorded them) falls back to this JVM's directories, and
 * says so.
 */
public final class SuggestCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final PolicyContext here;

    public SuggestCommand(PrintStream out, PrintStream err, PolicyContext here) {
        this.out = out;
        this.err = err;
        this.here = here;
    }

    public int run(String[] args) {
        Path log = null;
        Path basePath = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base") && i + 1 < args.length) {
                basePath = Path.of(args[++i]);
            } else if (log == null && !args[i].startsWith("--")) {
                log = Path.of(args[i]);
            } else {
                return usage();
            }
        }
        if (log == null) {
            return usage();
        }
        RunActivity run = new RunActivity();
        AuditReader reader = new AuditReader();
        try (InputStream in = Files.newInputStream(log)) {
            reader.read(in, run::accept);
        } catch (IOException | RuntimeException e) {
            err.println("agentguard: cannot read the audit log " + log + ": " + e.getMessage());
            return 1;
        }
        for (String problem : reader.problems()) {
            err.println("agentguard: " + log + ": " + problem);
        }
        PolicyContext context = contextOf(run.start(), log);
        BasePolicy base = null;
        if (basePath != null) {
            try {
                base = BasePolicy.load(basePath, context);
            } catch (PolicyException e) {
                for (String problem : e.problems()) {
                    err.println("agentguard: " + problem);
                }
                return 1;
            } catch (IOException | RuntimeException e) {
                err.println("agentguard: cannot read the base policy " + basePath + ": " + e.getMessage());
                return 1;
            }
        }
        SuggestedPolicy policy;
        try {
            policy = new Suggester(context, base).suggest(run);
        } catch (PolicyException e) {
            // The embedded default is valid (a test proves it); this is only the compiler being careful.
            err.println("agentguard: cannot load the embedded secret set: " + String.join("; ", e.problems()));
            return 1;
        }
        for (String warning : run.warnings) {
            err.println("agentguard: " + log + ": " + warning);
        }
        if (run.dropped() > 0) {
            err.println("agentguard: " + log + ": " + run.dropped() + " distinct call(s) did not fit in memory and"
                    + " are not in the suggestion; review it");
        }
        policy.header.add("Suggested by `guard.jar suggest` from " + log.getFileName() + ": " + reader.records()
                + " record(s) of " + run.runs() + " run(s)" + (reader.badLines() > 0
                        ? ", " + reader.badLines() + " unreadable line(s) skipped" : "") + ".");
        policy.header.add("It grants what the audited run did and nothing more; review it, then check it with"
                + " `guard.jar check`.");
        policy.header.add("${workdir} = " + context.workdir() + ", ${home} = " + context.home() + ", ${tmp} = "
                + context.tmp() + (basePath != null ? "; based on " + basePath : ""));
        out.print(PolicyWriter.write(policy));
        return 0;
    }

    private PolicyContext contextOf(Map<String, String> start, Path log) {
        if (start != null && start.get("workdir") != null && start.get("home") != null && start.get("tmp") != null) {
            return new PolicyContext(start.get("workdir"), start.get("home"), start.get("tmp"), here.javaHome(),
                    here.pid(), here.path(), here.classPath(), here.guardJar());
        }
        err.println("agentguard: " + log + ": no start record names workdir, home and tmp; using this JVM's ("
                + here.workdir() + ", " + here.home() + ", " + here.tmp() + ")");
        return here;
    }

    private int usage() {
        err.println("agentguard: usage: suggest AUDIT.jsonl [--base POLICY]");
        return 2;
    }
}
