package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.SelfTest;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.agent.hooks.HookTable;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.policy.Policy;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything after the policy loaded and the bridge is on the bootstrap class path: open the audit log,
 * build the enforcer, install and verify the hooks, self-test, and write the start record. Any failure
 * stops the JVM before {@code main}.
 *
 * <p>Loaded only after {@link dev.agentguard.agent.install.BootstrapJar#append}: it names bridge types,
 * and the first class to name them decides which loader they come from.
 */
final class GuardStartup {
    private GuardStartup() {}

    static void install(Policy policy, Instrumentation instrumentation, Path bootstrapJar) {
        AuditLog log;
        try {
            log = AuditLog.open(Path.of(policy.audit().file()), policy.context().pid(), policy.mode());
            log.preload();
        } catch (IOException | RuntimeException e) {
            GuardAgent.refuse(List.of("cannot open the audit log " + policy.audit().file() + ": " + e));
            return;
        }
        StartupTimer.mark("audit log opened");
        Verdicts verdicts = new Verdicts(policy.mode(), log, policy.audit().allowed());
        Enforcer enforcer = new Enforcer(policy, verdicts);
        Warmup.run(policy, enforcer);
        StartupTimer.mark("warm-up");
        GuardBridge.install(enforcer);
        try {
            HookInstaller.install(instrumentation, HookTable.rowsFor(Runtime.version().feature()));
        } catch (HookInstallException e) {
            GuardAgent.refuse(e.problems());
            return;
        } catch (RuntimeException | Error e) {
            GuardAgent.refuse(List.of("cannot install the hooks: " + e));
            return;
        }
        StartupTimer.mark("hooks installed");
        List<String> selfTest = SelfTest.run();
        StartupTimer.mark("self-test");
        if (!selfTest.isEmpty()) {
            GuardAgent.refuse(selfTest);
            return;
        }
        try {
            verdicts.writeStart(startDetails(policy));
        } catch (IOException e) {
            GuardAgent.refuse(List.of("cannot write the audit log " + policy.audit().file() + ": " + e));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new SummaryHook(verdicts, enforcer));
        enforcer.startKillswitch();
        StartupTimer.mark("started");
    }

    private static Map<String, Object> startDetails(Policy policy) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", GuardVersion.version());
        details.put("policy", policy.path() == null ? policy.displayName() : policy.path());
        details.put("policy_sha256", policy.sha256());
        details.put("mode", policy.mode().yamlName());
        details.put("jdk", Runtime.version().toString());
        return details;
    }

    /** Writes the summary record on normal exit, {@code System.exit} and SIGTERM (all run shutdown hooks). */
    private static final class SummaryHook extends Thread {
        private final Verdicts verdicts;
        private final Enforcer enforcer;

        SummaryHook(Verdicts verdicts, Enforcer enforcer) {
            super("agentguard-summary");
            this.verdicts = verdicts;
            this.enforcer = enforcer;
        }

        @Override
        public void run() {
            GuardBridge.markGuardThread();
            try {
                verdicts.writeSummary(Map.of("budgets", enforcer.budgetUsage()));
            } catch (IOException e) {
                System.err.println("agentguard: cannot write the summary record: " + e);
            }
        }
    }
}
