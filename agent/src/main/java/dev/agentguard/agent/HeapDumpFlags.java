package dev.agentguard.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.file.PathForms;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heap-dump flags the operator put on the command line ({@code -XX:+HeapDumpOnOutOfMemoryError},
 * {@code -XX:HeapDumpPath=...}): the JVM writes those dumps itself, in native code, where no check sees
 * them, and the program can provoke one (an {@code OutOfMemoryError}). The guard does not refuse them
 * (they are the operator's choice, common in production) but says in the start record and on standard
 * error when one is armed and the file it would write is not granted by {@code jvm.heap_dump}.
 */
record HeapDumpFlags(boolean onOutOfMemory, boolean beforeFullGc, boolean afterFullGc, String path) {
    /** Read on the attach-flags thread, through the same MXBean. */
    static HeapDumpFlags read(HotSpotDiagnosticMXBean vm) {
        return new HeapDumpFlags(on(vm, "HeapDumpOnOutOfMemoryError"), on(vm, "HeapDumpBeforeFullGC"),
                on(vm, "HeapDumpAfterFullGC"), vm.getVMOption("HeapDumpPath").getValue());
    }

    private static boolean on(HotSpotDiagnosticMXBean vm, String name) {
        return Boolean.parseBoolean(vm.getVMOption(name).getValue());
    }

    boolean armed() {
        return onOutOfMemory || beforeFullGc || afterFullGc;
    }

    /**
     * The file HotSpot would write first: {@code java_pidPID.hprof} in the working directory when
     * {@code HeapDumpPath} is empty, in {@code HeapDumpPath} when it is a directory, else that path (with
     * {@code %p} replaced by the pid, as HotSpot does).
     */
    String target(String cwd, long pid) {
        String name = "java_pid" + pid + ".hprof";
        if (path == null || path.isEmpty()) {
            return cwd + "/" + name;
        }
        String expanded = path.replace("%p", Long.toString(pid));
        return new File(PathForms.givenForm(expanded, cwd)).isDirectory() ? expanded + "/" + name : expanded;
    }

    /** The decision {@code jvm.heap_dump} makes on that file, on its real form. */
    Decision decision(Policy policy) {
        String cwd = policy.context().cwd();
        return policy.jvm().decideHeapDump(PathForms.realForm(target(cwd, policy.context().pid()), cwd));
    }

    /** For the start record ({@code details.heap_dump_flags}); null when no dump is armed. */
    Map<String, Object> details(Policy policy) {
        if (!armed()) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("on_out_of_memory", onOutOfMemory);
        details.put("before_full_gc", beforeFullGc);
        details.put("after_full_gc", afterFullGc);
        details.put("path", target(policy.context().cwd(), policy.context().pid()));
        details.put("granted", decision(policy).allowed());
        return details;
    }

    /** The standard-error line when an armed dump would land outside {@code jvm.heap_dump}, or null. */
    String warning(Policy policy) {
        if (!armed() || decision(policy).allowed()) {
            return null;
        }
        return "agentguard: warning: the command line arms a heap dump (-XX:+HeapDump...) that the JVM would write"
                + " to " + target(policy.context().cwd(), policy.context().pid()) + ", which no jvm.heap_dump rule"
                + " grants; a dump holds the environment and every secret in memory, and the program can provoke"
                + " one: set -XX:HeapDumpPath to a folder only the operator reads and grant it in jvm.heap_dump";
    }
}
