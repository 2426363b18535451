package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.audit.ConsoleDenials;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.SelfTest;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.agent.install.DescriptorAccess;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import dev.agentguard.agent.install.LegacySocketImpls;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.bootstrap.LastShutdownStep;
import dev.agentguard.policy.Policy;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything after the policy loaded and the bridge is on the bootstrap class path: open the audit log,
 * build the enforcer, install and verify the hooks, self-test, and write the start record. Any failure
 * stops the JVM before {@code main}.
 *
 * <p>Loaded only after {@link dev.agentguard.agent.install.BootClassPath#verify}: it names bridge types,
 * which must not load before their origin is checked.
 */
final class GuardStartup {
    private GuardStartup() {}

    static void install(Policy policy, Long parent, Instrumentation instrumentation, Path guardJar,
                        HookPreparation hooks, AuditPreload auditPreload) {
        AuditLog log;
        String preloadFailure = auditPreload.await();
        if (preloadFailure != null) {
            GuardAgent.refuse(List.of("cannot open the audit log " + policy.audit().file() + ": " + preloadFailure));
            return;
        }
        try {
            // Preloaded by AuditPreload while the policy loaded.
            log = AuditLog.openPreloaded(Path.of(policy.audit().file()), policy.context().pid(), policy.mode());
        } catch (IOException | RuntimeException e) {
            GuardAgent.refuse(List.of("cannot open the audit log " + policy.audit().file() + ": " + e));
            return;
        }
        StartupTimer.mark("audit log opened");
        // Made before the hooks are in: the console stream is the guard's own, on descriptor 2.
        Verdicts verdicts = new Verdicts(policy.mode(), log, policy.audit(), ConsoleDenials.toStandardError());
        Enforcer enforcer = new Enforcer(policy, verdicts);
        Warmup.run(policy, enforcer);
        StartupTimer.mark("warm-up");
        // The preparation thread must be done before the bridge is installed: its work is the guard's own.
        HookInstaller.Prepared prepared;
        try {
            prepared = hooks.await();
        } catch (HookInstallException e) {
            GuardAgent.refuse(e.problems());
            return;
        }
        StartupTimer.mark("hooks prepared");
        AttachFlags attach = hooks.attachFlags();
        StartupTimer.mark("attach flags");
        String attachRefusal = attach.refusal(policy.jvm().requireAttachDisabled());
        if (attachRefusal != null) {
            GuardAgent.refuse(List.of(attachRefusal));
            return;
        }
        Object guardKey = GuardBridge.install(enforcer);
        // From here the hooks check this thread as well. The guard's own work on it is not the
        // application's: loading the guard's classes probes every class-path directory with File.exists,
        // which would be checked and recorded before the start record. Only the self-test runs checked.
        GuardBridge.enterGuard(guardKey);
        try {
            // Before any hook: opens are decided on their descriptors, so the guard cannot run without them.
            DescriptorAccess.grant(instrumentation, GuardBridge.class);
            String descriptors = GuardBridge.enableDescriptors(guardKey, guardJar);
            if (descriptors != null) {
                GuardAgent.refuse(List.of(descriptors));
                return;
            }
            LegacySocketImpls.freeze();
            StartupTimer.mark("descriptor access");
            prepared.install(instrumentation, new ReweaveRecorder());
        } catch (HookInstallException e) {
            GuardAgent.refuse(e.problems());
            return;
        } catch (RuntimeException | Error e) {
            GuardAgent.refuse(List.of("cannot install the hooks: " + e));
            return;
        } finally {
            GuardBridge.exitGuard(guardKey);
        }
        StartupTimer.mark("hooks installed");
        StartupTimer.note("of which weaving", prepared.weaveMillis());
        List<String> selfTest = runSelfTest(guardKey);
        StartupTimer.mark("self-test");
        if (!selfTest.isEmpty()) {
            GuardAgent.refuse(selfTest);
            return;
        }
        GuardBridge.enterGuard(guardKey);
        try {
            finishStart(policy, parent, verdicts, enforcer, guardKey, attach, instrumentation);
            StartupTimer.mark("start record");
            String early = EarlyResolver.refusal(instrumentation, enforcer);
            StartupTimer.mark("early resolver");
            if (early != null) {
                GuardAgent.refuse(List.of(early));
                return;
            }
        } finally {
            GuardBridge.exitGuard(guardKey);
        }
        StartupTimer.mark("started");
    }

    /**
     * The self-test, checked like the application. What it needs loaded is loaded first, unchecked: its
     * class, and InetAddress, whose initialization loads libnet (File.exists and getCanonicalPath on it).
     */
    private static List<String> runSelfTest(Object guardKey) {
        GuardBridge.enterGuard(guardKey);
        try {
            Class.forName(SelfTest.class.getName());
            InetAddress.getLoopbackAddress();
        } catch (ClassNotFoundException e) {
            return List.of("self-test: cannot load " + e.getMessage());
        } finally {
            GuardBridge.exitGuard(guardKey);
        }
        return SelfTest.run();
    }

    private static void finishStart(Policy policy, Long parent, Verdicts verdicts, Enforcer enforcer,
                                    Object guardKey, AttachFlags attach,
                                    Instrumentation instrumentation) {
        try {
            Map<String, Object> details = startDetails(policy, parent);
            details.put("attach", attach.details());
            HeapDumpFlags dumps = attach.heapDump();
            Map<String, Object> armed = dumps == null ? null : dumps.details(policy);
            if (armed != null) {
                details.put("heap_dump_flags", armed);
                String warning = dumps.warning(policy);
                if (warning != null) {
                    System.err.println(warning);
                }
            }
            verdicts.writeStart(details);
        } catch (IOException e) {
            GuardAgent.refuse(List.of("cannot write the audit log " + policy.audit().file() + ": " + e));
            return;
        }
        SummaryHook summary = new SummaryHook(verdicts, enforcer, guardKey);
        if (!lastShutdownStep(instrumentation, summary, guardKey)) {
            // The JDK refused the late slot: a hook of our own, racing the application's, as the fallback.
            Runtime.getRuntime().addShutdownHook(new Thread(summary, "agentguard-summary"));
        }
        enforcer.startKillswitch(guardKey);
    }

    private static Map<String, Object> startDetails(Policy policy, Long parent) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", GuardVersion.version());
        details.put("policy", policy.path() == null ? policy.displayName() : policy.path());
        details.put("policy_sha256", policy.sha256());
        details.put("mode", policy.mode().yamlName());
        details.put("jdk", Runtime.version().toString());
        // The directories behind ${workdir}, ${home} and ${tmp}: `guard.jar suggest` writes paths with them.
        details.put("workdir", policy.context().workdir());
        details.put("home", policy.context().home());
        details.put("tmp", policy.context().tmp());
        if (parent != null) {
            // A JVM started by a guarded JVM: its parent's pid, and the directory its relative paths use.
            details.put("parent", parent);
            details.put("cwd", policy.context().cwd());
        }
        return details;
    }

    /**
     * Hands a refused retransformation to the bridge (a named class, not a lambda: it runs inside the
     * transformer, on hooked paths).
     */
    private static final class ReweaveRecorder implements HookInstaller.ReweaveRefused {
        @Override
        public void refused(String className, Throwable error) {
            GuardBridge.reweaveRefused(className, error.toString());
        }
    }

    /**
     * Registers the summary as the JVM's last shutdown step ({@link LastShutdownStep}), after every
     * application hook, so its counts include what those hooks did. {@code jdk.internal.access} is exported
     * for that to the bootstrap class path's unnamed module, where only the bridge (and what the operator
     * appended there) lives; the application's class path does not get it.
     */
    private static boolean lastShutdownStep(Instrumentation instrumentation, Runnable step, Object guardKey) {
        try {
            Module javaBase = Object.class.getModule();
            instrumentation.redefineModule(javaBase, Set.of(),
                    Map.of("jdk.internal.access", Set.of(GuardBridge.class.getModule())), Map.of(), Set.of(), Map.of());
            return LastShutdownStep.register(guardKey, step);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * At JVM exit (normal exit, {@code System.exit}, SIGTERM): ends the children and writes the summary
     * record. Run after the application's shutdown hooks (so children they still talk to while closing are
     * there, and the counts include their calls), on the exiting thread, with the guard's checks suspended
     * for its own work; or, when the JDK refused that, from a hook thread of its own.
     */
    private static final class SummaryHook implements Runnable {
        private final Verdicts verdicts;
        private final Enforcer enforcer;
        private final Object guardKey;

        SummaryHook(Verdicts verdicts, Enforcer enforcer, Object guardKey) {
            this.verdicts = verdicts;
            this.enforcer = enforcer;
            this.guardKey = guardKey;
        }

        @Override
        public void run() {
            GuardBridge.enterGuard(guardKey);
            try {
                finish();
            } finally {
                GuardBridge.exitGuard(guardKey);
            }
        }

        private void finish() {
            try {
                enforcer.jvmExit();
            } catch (RuntimeException e) {
                System.err.println("agentguard: cannot end the children: " + e);
            }
            try {
                verdicts.writeSummary(Map.of("budgets", enforcer.budgetUsage()));
            } catch (IOException e) {
                System.err.println("agentguard: cannot write the summary record: " + e);
            }
        }
    }
}
