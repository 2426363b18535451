package dev.agentguard.apps.hooks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;

/**
 * Actions for the hooks on the JVM's own machinery (docs/design/jvm-machinery.md): an in-process
 * diagnostic command, a heap dump, a VM flag, Flight Recorder, and late Java agents.
 */
final class JvmActions {
    private JvmActions() {}

    /** The agent class the late-agent actions try to start: it would leave {@link SampleAgent#MARKER}. */
    static final String AGENT = "dev.agentguard.apps.hooks.JvmActions$SampleAgent";

    static void register(Map<String, HookActions.Spec> actions, Map<String, HookActions.Protected> protectedActions,
                         Map<String, HookActions.Action> tamper, Set<String> deniedInAuditToo) {
        String diagnostic = "com.sun.management.internal.DiagnosticCommandImpl$Wrapper#execute([Ljava/lang/String;)";
        actions.put(diagnostic, new HookActions.Spec("jvm", null, s -> {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmVersion", null, null);
            return "VM.version printed " + String.valueOf(out).length() + " chars";
        }));
        // Not granted, a diagnostic command is refused in audit mode too: it acts in native code.
        deniedInAuditToo.add(diagnostic);
        actions.put("com.sun.management.internal.HotSpotDiagnostic#dumpHeap(Ljava/lang/String;Z)",
                new HookActions.Spec("jvm", "heap.hprof", s -> {
                    diagnosticBean().dumpHeap(s.file("heap.hprof").toString(), true);
                    return "dumped " + Files.size(s.file("heap.hprof")) + " bytes";
                }));
        protectedActions.put("com.sun.management.internal.HotSpotDiagnostic#setVMOption(Ljava/lang/String;Ljava/lang/String;)",
                new HookActions.Protected(
                        s -> {
                            diagnosticBean().setVMOption("PrintConcurrentLocks", "true");
                            return "PrintConcurrentLocks set";
                        },
                        s -> {
                            diagnosticBean().setVMOption("HeapDumpPath", s.file("later.hprof").toString());
                            return "HeapDumpPath set";
                        }));
        actions.put("jdk.jfr.internal.PlatformRecorder#start(Ljdk/jfr/internal/PlatformRecording;)",
                new HookActions.Spec("jvm", "jfr-start.jfr", s -> record(s.file("jfr-start.jfr"))));
        actions.put("jdk.jfr.internal.MetadataRepository#setSettings(Ljava/util/List;Z)",
                new HookActions.Spec("jvm", "jfr-settings.jfr", s -> record(s.file("jfr-settings.jfr"))));
        tamper.put("sun.instrument.InstrumentationImpl#loadClassAndCallAgentmain(Ljava/lang/String;Ljava/lang/String;)",
                s -> {
                    // What the JPLIS code does for an agent loaded late: call agentmain on a new instance.
                    Class<?> type = Class.forName("sun.instrument.InstrumentationImpl");
                    Constructor<?> ctor = type.getDeclaredConstructors()[0];
                    ctor.setAccessible(true);
                    Object[] args = new Object[ctor.getParameterCount()];
                    Class<?>[] types = ctor.getParameterTypes();
                    for (int i = 0; i < args.length; i++) {
                        args[i] = types[i] == long.class ? (Object) 0L : Boolean.FALSE;
                    }
                    Object instrumentation = ctor.newInstance(args);
                    Method agentmain = type.getDeclaredMethod("loadClassAndCallAgentmain", String.class, String.class);
                    agentmain.setAccessible(true);
                    invoke(agentmain, instrumentation, AGENT, s.file(SampleAgent.MARKER).toString());
                    return "agentmain ran: " + Files.exists(s.file(SampleAgent.MARKER));
                });
        tamper.put("sun.instrument.InstrumentationImpl#loadAgent(Ljava/lang/String;)", s -> {
            // What the launcher does for a Launcher-Agent-Class.
            Method loadAgent = Class.forName("sun.instrument.InstrumentationImpl").getMethod("loadAgent", String.class);
            invoke(loadAgent, null, s.file("agent.jar").toString());
            return "loadAgent returned";
        });
        tamper.put("sun.launcher.LauncherHelper#addExportsOrOpens(Ljava/lang/String;Z)", s -> {
            // What the launcher does for a -jar manifest's Add-Opens: open java.lang to the application.
            Method open = Class.forName("sun.launcher.LauncherHelper").getDeclaredMethod("addExportsOrOpens",
                    String.class, boolean.class);
            open.setAccessible(true);
            invoke(open, null, "java.base/java.lang", true);
            return "addExportsOrOpens returned";
        });
    }

    private static HotSpotDiagnosticMXBean diagnosticBean() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    }

    /**
     * A recording with the environment event asked for, dumped to {@code file} and read back: it must hold
     * no environment, whatever the policy. Throws when it does (the outcome is then an error).
     */
    private static String record(Path file) throws Exception {
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.InitialEnvironmentVariable");
            recording.enable("jdk.JVMInformation");
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        long environment = 0;
        long others = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.InitialEnvironmentVariable")) {
                environment++;
            } else {
                others++;
            }
        }
        if (environment > 0) {
            throw new IllegalStateException("the recording holds " + environment + " environment variables");
        }
        return "recorded " + others + " events, no environment";
    }

    private static void invoke(Method method, Object target, Object... args) throws Exception {
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Would leave a marker if its agentmain ever ran. */
    public static final class SampleAgent {
        static final String MARKER = "agentmain-ran";

        private SampleAgent() {}

        public static void agentmain(String marker, java.lang.instrument.Instrumentation instrumentation)
                throws java.io.IOException {
            Files.writeString(Path.of(marker), "agentmain ran");
        }
    }
}
