package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.agent.audit.ConsoleDenials;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.OwnStandardError;
import dev.agentguard.agent.enforce.SelfTest;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.agent.install.DescriptorAccess;
import dev.agentguard.agent.install.HookInstallException;
import dev.agentguard.agent.install.HookInstaller;
import dev.agentguard.agent.install.LegacySocketImpls;
import dev.agentguard.bootstrap.GuardBridge;
import dev.agentguard.policy.Policy;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything after the bridge's origin is checked: reserve the guard, install and verify the hooks on the
 * hooks' thread while this one loads the policy, open the audit log, build and install the enforcer,
 * self-test, and write the start record. Any failure stops the JVM before {@code main}.
 *
 * <p>Loaded only after {@link dev.agentguard.agent.install.BootClassPath#verify}: it names bridge types,
 * which must not load before their origin is checked.
 */
final class GuardStartup {
    private GuardStartup() {}

    static void install(AgentArgs args, Instrumentation instrumentation, Path guardJar, HookPreparation hooks,
                        AuditPreload auditPreload) {
        // From here a hooked call on any thread but the guard's own waits for the guard (GuardBridge.reserve):
        // the hooks go in on the preparation thread while this one loads the policy, and nothing is let
        // through unchecked in between. This thread is the guard's own until the self-test: loading the
        // policy, and the guard's classes, probe files that are not the application's.
        Object guardKey = GuardBridge.reserve();
        GuardBridge.enterGuard(guardKey);
        InstallStep installStep = new InstallStep(instrumentation, guardKey, auditPreload);
        hooks.then(installStep);
        ShutdownSlot shutdownSlot = ShutdownSlot.claim(instrumentation, guardKey);
        Policy policy = GuardAgent.policyOrRefuse(args);
        if (policy == null) {
            return;
        }
        StartupTimer.mark("policy loaded");
        StartupTimer.note("(main thread CPU so far", StartupTimer.cpuMillis());
        // Descriptor access, here while the hooks' thread installs them: the guard decides no call before it is
        // installed below, and this thread is the guard's own (its probe open passes unchecked either way).
        // Done on the hooks' thread, the accessors' method handles lengthened the start's critical path.
        String descriptors;
        try {
            DescriptorAccess.grant(instrumentation, GuardBridge.class);
            descriptors = GuardBridge.enableDescriptors(guardKey, guardJar);
        } catch (RuntimeException e) {
            descriptors = "cannot read the JDK's file descriptors: " + e;
        }
        if (descriptors != null) {
            GuardAgent.refuse(List.of(descriptors));
            return;
        }
        StartupTimer.mark("descriptor access");
        AttachFlags attach = hooks.attachFlags();
        String attachRefusal = attach.refusal(policy.jvm().requireAttachDisabled());
        if (attachRefusal != null) {
            GuardAgent.refuse(List.of(attachRefusal));
            return;
        }
        AuditLog log;
        String preloadFailure = auditPreload.await();
        if (preloadFailure != null) {
            GuardAgent.refuse(List.of("cannot open the audit log " + policy.audit().file() + ": " + preloadFailure));
            return;
        }
        try {
            // Preloaded by AuditPreload while the policy loaded. This thread is the guard's: its calls pass unchecked
            // whether the hooks' thread has put the hooks in yet or not.
            log = AuditLog.openPreloaded(Path.of(policy.audit().file()), policy.context().pid(), policy.mode());
        } catch (IOException | RuntimeException e) {
            GuardAgent.refuse(List.of("cannot open the audit log " + policy.audit().file() + ": " + e));
            return;
        }
        StartupTimer.mark("audit log opened");
        // Made before the guard is installed: the console stream is the guard's own, on descriptor 2.
        Verdicts verdicts = new Verdicts(policy.mode(), log, policy.audit(), ConsoleDenials.toStandardError());
        Enforcer enforcer = new Enforcer(policy, verdicts);
        Warmup.run(policy, enforcer);
        StartupTimer.mark("warm-up");
        // The hooks: everything above ran while the hooks' thread put them in (none of it needs them, and a hooked
        // class it loads first is retransformed at the install like any class loaded before it).
        HookInstaller.Prepared prepared;
        try {
            prepared = hooks.await();
        } catch (HookInstallException e) {
            GuardAgent.refuse(e.problems());
            return;
        }
        StartupTimer.mark("hooks installed");
        StartupTimer.note("(hooks' thread: prepared", hooks.preparedMillis());
        StartupTimer.note(" weaving, ahead and at install", prepared.weaveMillis());
        StartupTimer.count(" classes retransformed", prepared.retransformed());
        StartupTimer.count(" hooked classes", prepared.hookedClasses());
        StartupTimer.count(" weaves", prepared.weaves());
        StartupTimer.note(" its CPU when verified", hooks.verifiedCpuMillis());
        StartupTimer.note(" its CPU when prepared", hooks.preparedCpuMillis());
        StartupTimer.note(" its CPU before retransforming", installStep.beforeRetransformCpuMillis);
        StartupTimer.note(" its CPU when installed)", installStep.cpuMillis);
        try {
            GuardBridge.install(enforcer); // the threads waiting on a hooked call are checked from here
        } catch (RuntimeException e) {
            GuardAgent.refuse(List.of("cannot install the guard: " + e));
            return;
        }
        GuardBridge.exitGuard(guardKey);
        List<String> selfTest = runSelfTest(guardKey);
        StartupTimer.mark("self-test");
        if (!selfTest.isEmpty()) {
            GuardAgent.refuse(selfTest);
            return;
        }
        GuardBridge.enterGuard(guardKey);
        try {
            finishStart(policy, args.parent(), verdicts, enforcer, guardKey, attach, shutdownSlot);
            StartupTimer.mark("start record");
            String early = EarlyResolver.refusal(instrumentation, enforcer);
            StartupTimer.mark("early resolver");
            if (early != null) {
                GuardAgent.refuse(List.of(early));
                return;
            }
            StartupTimer.note("(main thread CPU)", StartupTimer.cpuMillis()); // read as the guard's own
        } finally {
            GuardBridge.exitGuard(guardKey);
        }
        StartupTimer.mark("started");
    }

    /**
     * The install, run on the hooks' thread once they are prepared, as the guard's own thread: the legacy
     * socket switches checked, then the hooks, each row proven woven (descriptor access is the main thread's,
     * meanwhile). The guard's other start-up threads end first, as they are not the
     * guard's: a hooked call of theirs would wait for a guard that waits for them.
     */
    private static final class InstallStep implements HookPreparation.Step {
        private final Instrumentation instrumentation;
        private final Object guardKey;
        private final AuditPreload auditPreload;
        /** The hooks' thread's CPU time once installed, for {@code -Dagentguard.timing=true}. */
        volatile double cpuMillis = -1;
        /** ... and just before the retransformation (the legacy socket switches checked). */
        volatile double beforeRetransformCpuMillis = -1;

        InstallStep(Instrumentation instrumentation, Object guardKey, AuditPreload auditPreload) {
            this.instrumentation = instrumentation;
            this.guardKey = guardKey;
            this.auditPreload = auditPreload;
        }

        @Override
        public void run(HookInstaller.Prepared prepared) throws HookInstallException {
            GuardBridge.enterGuard(guardKey);
            try {
                auditPreload.await(); // its failure is reported by the main thread, with the log's name
                LegacySocketImpls.freeze();
                beforeRetransformCpuMillis = StartupTimer.cpuMillis();
                prepared.install(instrumentation, new ReweaveRecorder());
                cpuMillis = StartupTimer.cpuMillis(); // read as the guard's own: a file the hooks now check
            } finally {
                GuardBridge.exitGuard(guardKey);
            }
        }
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
                                    Object guardKey, AttachFlags attach, ShutdownSlot shutdownSlot) {
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
        if (!shutdownSlot.fill(summary)) {
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
        // The property is the text Runtime.version() prints, without the stream its toString() runs at start.
        details.put("jdk", System.getProperty("java.runtime.version"));
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

        /**
         * A hooked JDK class, first loaded after the start, could not be woven: the class was refused, and the
         * JVM stops, naming it (a JVM without that class's hooks, or without the class, is not the one the
         * policy was written for). Only bytes changed by another agent before the guard saw them can get here:
         * the class file as the JDK ships it was woven and proven before main.
         */
        @Override
        public void firstDefinitionRefused(String className, Throwable error) {
            refused(className, error);
            GuardAgent.refuse(List.of("cannot weave the hooks into " + className + " at its first definition: "
                    + error));
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
                OwnStandardError.println("agentguard: cannot end the children: " + e);
            }
            try {
                verdicts.writeSummary(Map.of("budgets", enforcer.budgetUsage()));
            } catch (IOException e) {
                OwnStandardError.println("agentguard: cannot write the summary record: " + e);
            }
        }
    }
}
