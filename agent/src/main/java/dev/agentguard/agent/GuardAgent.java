package dev.agentguard.agent;

import dev.agentguard.policy.DefaultPolicy;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import dev.agentguard.agent.install.BootstrapJar;
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
        // The hooks are prepared on a second thread meanwhile.
        HookPreparation hooks = HookPreparation.start();
        Policy policy;
        AgentArgs args;
        try {
            args = AgentArgs.parse(rawArgs);
            policy = loadPolicy(args);
            StartupTimer.mark("policy loaded");
            String cwd = WorkingDirectory.refusal(policy.context().cwd());
            if (cwd != null) {
                refuse(List.of(cwd));
                return;
            }
        } catch (PolicyException e) {
            refuse(e.problems());
            return;
        } catch (IllegalArgumentException e) {
            refuse(List.of(e.getMessage()));
            return;
        } catch (RuntimeException | Error e) {
            refuse(List.of("cannot start: " + e));
            return;
        }
        java.nio.file.Path bootstrapJar;
        try {
            bootstrapJar = BootstrapJar.append(instrumentation);
        } catch (IOException | RuntimeException e) {
            refuse(List.of("cannot put the guard's bridge on the bootstrap class path: " + e));
            return;
        }
        StartupTimer.mark("bridge appended");
        GuardStartup.install(policy, args.parent(), instrumentation, bootstrapJar, hooks);
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
