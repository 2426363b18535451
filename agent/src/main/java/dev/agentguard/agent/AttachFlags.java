package dev.agentguard.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM flags that close the attach doors no check inside the JVM can close (docs/design/jvm-machinery.md
 * section 4): {@code DisableAttachMechanism} and {@code EnableDynamicAgentLoading}, as the VM has them (the
 * last of the command line, {@code JAVA_TOOL_OPTIONS}, {@code -XX:Flags} files), on a thread of its own
 * while the policy loads. The heap-dump flags ({@link HeapDumpFlags}) are read on the same thread.
 *
 * <p>They are read through the HotSpot diagnostic bean itself, {@code com.sun.management.internal.HotSpotDiagnostic}
 * of {@code jdk.management}: the very class {@code ManagementFactory.getPlatformMXBean} hands out for
 * {@code HotSpotDiagnosticMXBean}, whose {@code getVMOption} asks the VM for the flag's value (natively,
 * {@code Flag.getFlag}) and throws {@code IllegalArgumentException} for a flag this JDK does not have. Made
 * directly, after exporting (not opening) its package to the guard's module (the boot loader's unnamed module,
 * as {@code DescriptorAccess} does for {@code java.base}), it spares the start the platform-bean machinery:
 * {@code java.management}'s component registry, every platform bean provider (JFR's among them) and their
 * lambdas, about 35 ms of CPU on a cold JVM. The package's public classes are the platform beans everyone
 * reaches through {@code ManagementFactory} anyway. When the class is missing or cannot be made (another
 * JDK, no {@link Instrumentation}), the platform bean is read as before. Neither path initializes
 * {@code java.util.logging}.
 */
final class AttachFlags implements Runnable {
    private static final String DIAGNOSTIC_PACKAGE = "com.sun.management.internal";
    private static final String DIAGNOSTIC_CLASS = DIAGNOSTIC_PACKAGE + ".HotSpotDiagnostic";
    private static final String PROVIDER_CLASS = DIAGNOSTIC_PACKAGE + ".PlatformMBeanProviderImpl";
    /** Set by premain before the thread starts (its start publishes it); null in a plain JVM. */
    private static volatile Instrumentation instrumentation;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Boolean disableAttachMechanism;
    private volatile Boolean enableDynamicAgentLoading;
    private volatile String problem;
    private volatile HeapDumpFlags heapDump;

    private AttachFlags() {}

    /** Lets the flags be read without the platform bean; called once, before {@link #start()}. */
    static void use(Instrumentation instrumentation) {
        AttachFlags.instrumentation = instrumentation;
    }

    static AttachFlags start() {
        AttachFlags flags = new AttachFlags();
        Thread thread = new Thread(flags, "agentguard-attach-flags");
        thread.setDaemon(true);
        thread.start();
        return flags;
    }

    @Override
    public void run() {
        try {
            HotSpotDiagnosticMXBean vm = diagnosticBean(instrumentation);
            disableAttachMechanism = flag(vm, "DisableAttachMechanism");
            enableDynamicAgentLoading = flag(vm, "EnableDynamicAgentLoading");
            heapDump = readHeapDumpFlags(vm);
        } catch (RuntimeException | Error e) {
            problem = e.toString();
        } finally {
            done.countDown();
        }
    }

    /**
     * The HotSpot diagnostic bean: made directly when this JDK has its class (see the class comment), else the
     * platform bean. Package-private for the test that compares the two.
     */
    static HotSpotDiagnosticMXBean diagnosticBean(Instrumentation instrumentation) {
        HotSpotDiagnosticMXBean direct = directBean(instrumentation);
        return direct != null ? direct : ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    }

    /** The bean made without {@code ManagementFactory}, or null when this JDK does not let us. */
    static HotSpotDiagnosticMXBean directBean(Instrumentation instrumentation) {
        try {
            Module management = HotSpotDiagnosticMXBean.class.getModule();
            Module own = AttachFlags.class.getModule();
            if (!management.getPackages().contains(DIAGNOSTIC_PACKAGE)) {
                return null;
            }
            if (!management.isExported(DIAGNOSTIC_PACKAGE, own)) {
                if (instrumentation == null) {
                    return null;
                }
                instrumentation.redefineModule(management, Set.of(), Map.of(DIAGNOSTIC_PACKAGE, Set.of(own)),
                        Map.of(), Set.of(), Map.of());
            }
            ClassLoader loader = HotSpotDiagnosticMXBean.class.getClassLoader();
            // The flag reads' native code is in libmanagement_ext, which the package's platform-bean provider
            // loads in its static initializer (the JDK's own path initializes it first, as here); reading
            // before it would fail Flag's initializer for good, the platform bean's reads included.
            Class.forName(PROVIDER_CLASS, true, loader);
            Class<?> type = Class.forName(DIAGNOSTIC_CLASS, true, loader);
            Object bean = type.getConstructor().newInstance();
            return bean instanceof HotSpotDiagnosticMXBean ? (HotSpotDiagnosticMXBean) bean : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The heap-dump flags, or null when they cannot be read: they are only reported, never a reason to refuse. */
    private static HeapDumpFlags readHeapDumpFlags(HotSpotDiagnosticMXBean vm) {
        try {
            return HeapDumpFlags.read(vm);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The flag's value, or null when this JDK has no such flag. */
    private static Boolean flag(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return Boolean.valueOf(vm.getVMOption(name).getValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Waits for the thread: it must be done before the hooks go in, or its work would be checked. */
    AttachFlags await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return this;
    }

    /** The heap-dump flags of the command line, or null when they could not be read. */
    HeapDumpFlags heapDump() {
        return heapDump;
    }

    /** True only when the VM says the attach mechanism is off. */
    boolean attachDisabled() {
        return problem == null && Boolean.TRUE.equals(disableAttachMechanism);
    }

    /** For the start record: {@code disable_attach_mechanism}, {@code enable_dynamic_agent_loading}. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("disable_attach_mechanism", disableAttachMechanism);
        details.put("enable_dynamic_agent_loading", enableDynamicAgentLoading);
        if (problem != null) {
            details.put("problem", problem);
        }
        return details;
    }

    /**
     * Why the guard must not start, or null: {@code -Djdk.attach.allowAttachSelf} (which the JDK reads as
     * on when empty or true) lets the program attach to itself and run every diagnostic command unchecked;
     * {@code jvm.require_attach_disabled} asks for {@code -XX:+DisableAttachMechanism}.
     */
    String refusal(boolean requireAttachDisabled) {
        String self = System.getProperty("jdk.attach.allowAttachSelf");
        if (self != null && (self.isEmpty() || Boolean.parseBoolean(self))) {
            return "-Djdk.attach.allowAttachSelf is set: the program could attach to its own JVM and run every"
                    + " diagnostic command unchecked; remove it";
        }
        if (requireAttachDisabled && !attachDisabled()) {
            return "jvm.require_attach_disabled is true but the JVM runs without -XX:+DisableAttachMechanism"
                    + (problem == null ? "" : " (the flag could not be read: " + problem + ")")
                    + "; add it to the java command line";
        }
        return null;
    }
}
