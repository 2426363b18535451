package dev.agentguard.agent;

import dev.agentguard.policy.DefaultPolicy;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import dev.agentguard.agent.install.BootClassPath;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code -javaagent} entry point. It loads the policy and stops the JVM before {@code main} when the
 * policy, or anything else the guard needs, is not right: there is no fallback to a looser policy.
 */
public final class GuardAgent {
    /** Exit status of a JVM that the guard refused to start. */
    static final int REFUSED = 2;

    private GuardAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    private static void start(String rawArgs, Instrumentation instrumentation) {
        StartupTimer.mark("premain entered");
        // First, before any of the guard's code can name a bridge type (see BootClassPath).
        String preloaded = BootClassPath.preloaded(instrumentation);
        if (preloaded != null) {
            refuse(List.of(preloaded));
            return;
        }
        // The hooks are prepared, then installed, on a second thread (HookPreparation) while this one loads
        // the policy; the audit log's write path is loaded and run once on a third (AuditPreload).
        AttachFlags.use(instrumentation);
        HookPreparation hooks = HookPreparation.start(instrumentation);
        AuditPreload auditPreload = AuditPreload.start();
        AgentArgs args;
        try {
            args = AgentArgs.parse(rawArgs);
        } catch (IllegalArgumentException e) {
            refuse(List.of(e.getMessage()));
            return;
        } catch (RuntimeException | Error e) {
            refuse(List.of("cannot start: " + e));
            return;
        }
        // Before the policy: the hooks go in while it loads, and they name bridge types.
        java.nio.file.Path guardJar;
        try {
            guardJar = BootClassPath.verify();
        } catch (IOException | RuntimeException e) {
            // Its own checks say what is wrong and what to do; anything else failed while checking.
            refuse(List.of(e.getClass() == IOException.class ? e.getMessage()
                    : "cannot check where the guard's bridge comes from: " + e));
            return;
        }
        StartupTimer.mark("bridge verified");
        StartupTimer.note("(main thread CPU so far", StartupTimer.cpuMillis());
        GuardStartup.install(args, instrumentation, guardJar, hooks, auditPreload);
    }

    /**
     * Loads the policy and checks the working directory; on any problem prints it and stops the JVM (and
     * returns null). Called by {@code GuardStartup} on the main thread, while the hooks go in.
     */
    static Policy policyOrRefuse(AgentArgs args) {
        try {
            Policy policy = loadPolicy(args);
            String cwd = WorkingDirectory.refusal(policy.context().cwd());
            if (cwd != null) {
                refuse(List.of(cwd));
                return null;
            }
            return policy;
        } catch (PolicyException e) {
            refuse(e.problems());
        } catch (IllegalArgumentException e) {
            refuse(List.of(e.getMessage()));
        } catch (RuntimeException | Error e) {
            refuse(List.of("cannot start: " + e));
        }
        return null;
    }

    static Policy loadPolicy(AgentArgs args) throws PolicyException {
        PolicyContext context = PolicyContext.ofThisJvm(GuardVersion.jarPath());
        if (args.workdir() != null) {
            context = context.withWorkdir(args.workdir());
        }
        Overrides overrides = new Overrides(args.mode(), args.audit());
        return args.policy() == null
                ? DefaultPolicy.load(context, overrides)
                : PolicyLoader.load(Path.of(args.policy()), context, overrides);
    }

    /** Prints one line per problem and stops the JVM; main never runs. */
    static void refuse(List<String> problems) {
        for (String problem : problems) {
            System.err.println("agentguard: " + problem);
        }
        System.err.println("agentguard: the JVM was not started (fail closed)");
        System.err.flush();
        Runtime.getRuntime().halt(REFUSED);
    }
}
