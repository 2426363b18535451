package dev.agentguard.policy.jvm;

import java.util.Map;
import java.util.Set;

/**
 * What the policy knows about HotSpot's diagnostic commands (JDK 17 and 25, enumerated in
 * docs/design/jvm-machinery.md): the read-only ones that {@code jvm.diagnostics} may grant, and for the
 * others why they cannot be granted.
 */
public final class DiagnosticCommands {
    private DiagnosticCommands() {}

    /** Print to the caller; read or write no file, load no code, reveal no environment, change nothing. */
    static final Set<String> READ_ONLY = Set.of(
            "help", "Compiler.CodeHeap_Analytics", "Compiler.codecache", "Compiler.codelist",
            "Compiler.directives_print", "Compiler.memory", "Compiler.queue", "GC.class_histogram",
            "GC.finalizer_info", "GC.heap_info", "JFR.check", "ManagementAgent.status", "System.map",
            "System.native_heap_info", "Thread.print", "Thread.vthread_pollers", "Thread.vthread_scheduler",
            "VM.class_hierarchy", "VM.classes", "VM.classloader_stats", "VM.classloaders", "VM.command_line",
            "VM.dynlibs", "VM.events", "VM.flags", "VM.metaspace", "VM.native_memory",
            "VM.print_touched_methods", "VM.system_properties", "VM.systemdictionary", "VM.uptime", "VM.version");

    /** Known commands that can never be granted, with the reason a policy error gives. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("AOT.end_recording", "writes the AOT cache file"),
            Map.entry("Compiler.directives_add", "reads a file (JDK 17 echoes its text)"),
            Map.entry("Compiler.directives_clear", "changes the compiler"),
            Map.entry("Compiler.directives_remove", "changes the compiler"),
            Map.entry("Compiler.perfmap", "writes a file"),
            Map.entry("GC.heap_dump", "writes a heap dump; grant dumpHeap with jvm.heap_dump instead"),
            Map.entry("GC.run", "runs a full GC, which can write a heap dump"),
            Map.entry("GC.run_finalization", "runs finalizers"),
            Map.entry("JFR.configure", "moves the Flight Recorder repository and dump path"),
            Map.entry("JFR.dump", "writes a recording file; use the jdk.jfr API with jvm.jfr instead"),
            Map.entry("JFR.start", "writes recording files and reads settings files; use the jdk.jfr API with jvm.jfr"),
            Map.entry("JFR.stop", "writes a recording file; use the jdk.jfr API with jvm.jfr instead"),
            Map.entry("JFR.view", "prints recorded events, the environment among them"),
            Map.entry("JVMTI.agent_load", "loads code (an agent; grant the agent's file in jvm.agents)"),
            Map.entry("JVMTI.data_dump", "calls into loaded agents"),
            Map.entry("ManagementAgent.start", "opens a JMX port and reads configuration files"),
            Map.entry("ManagementAgent.start_local", "starts a JMX connector"),
            Map.entry("ManagementAgent.stop", "stops the JMX connector"),
            Map.entry("System.dump_map", "writes a file"),
            Map.entry("System.trim_native_heap", "changes the native heap"),
            Map.entry("Thread.dump_to_file", "writes a file"),
            Map.entry("VM.cds", "writes an archive file (and static_dump starts a JVM)"),
            Map.entry("VM.info", "prints environment variables"),
            Map.entry("VM.log", "renames and creates files"),
            Map.entry("VM.set_flag", "changes VM flags, the heap-dump flags among them"),
            Map.entry("VM.start_java_debugging", "starts the debugger agent"),
            Map.entry("VM.stringtable", "prints every interned string with -verbose"),
            Map.entry("VM.symboltable", "prints every symbol with -verbose"));

    /** Null when {@code name} may be granted; otherwise why not, for the policy error. */
    public static String whyNotGrantable(String name) {
        if (READ_ONLY.contains(name)) {
            return null;
        }
        String why = REFUSED.get(name);
        return why != null ? why : "it is not a read-only diagnostic command of JDK 17 or 25";
    }

    /**
     * The command's name: the command line up to the first space. HotSpot parses the same way; a line
     * with a control character (a second command after a line break) has no single name: null.
     */
    public static String name(String commandLine) {
        for (int i = 0; i < commandLine.length(); i++) {
            if (commandLine.charAt(i) < 0x20 || commandLine.charAt(i) == 0x7f) {
                return null;
            }
        }
        String trimmed = commandLine.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
