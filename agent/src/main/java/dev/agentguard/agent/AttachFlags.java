package dev.agentguard.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM flags that close the attach doors no check inside the JVM can close (docs/design/jvm-machinery.md
 * section 4): {@code DisableAttachMechanism} and {@code EnableDynamicAgentLoading}, as the VM has them (the
 * last of the command line, {@code JAVA_TOOL_OPTIONS}, {@code -XX:Flags} files). Read through the
 * HotSpot diagnostic MXBean on a thread of its own while the policy loads: it costs some 35 ms of CPU on
 * a cold JVM, off the main thread. The heap-dump flags ({@link HeapDumpFlags}) are read on the same
 * thread. It loads {@code java.management} but does not initialize
 * {@code java.util.logging}.
 */
final class AttachFlags implements Runnable {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Boolean disableAttachMechanism;
    private volatile Boolean enableDynamicAgentLoading;
    private volatile String problem;
    private volatile HeapDumpFlags heapDump;

    private AttachFlags() {}

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
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            disableAttachMechanism = flag(vm, "DisableAttachMechanism");
            enableDynamicAgentLoading = flag(vm, "EnableDynamicAgentLoading");
            heapDump = readHeapDumpFlags(vm);
        } catch (RuntimeException | Error e) {
            problem = e.toString();
        } finally {
            done.countDown();
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
