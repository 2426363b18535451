package dev.agentguard.policy.jvm;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.file.PathGlob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled {@code jvm} section: which read-only diagnostic commands run in-process, where a heap dump
 * may be written, whether Flight Recorder may record, which profiler agents may be loaded late, and
 * whether the JVM must run with attach disabled.
 * Everything not granted here is denied.
 */
public final class JvmRules {
    /** Manageable flags that make the JVM write a heap dump later, to a path no check sees. */
    private static final Set<String> DUMP_FLAGS = Set.of("HeapDumpPath", "HeapDumpBeforeFullGC",
            "HeapDumpAfterFullGC", "HeapDumpOnOutOfMemoryError");

    private final Map<String, Decision> diagnostics;
    private final List<String> diagnosticNames;
    private final PathGlob[] heapDumps;
    private final Decision[] heapDumpAllowed;
    private final List<String> heapDumpWritten;
    private final boolean jfr;
    private final boolean requireAttachDisabled;
    private final AgentLoads agents;

    private JvmRules(Builder b) {
        this.agents = new AgentLoads(b.agents);
        this.diagnostics = Map.copyOf(b.diagnostics);
        this.diagnosticNames = List.copyOf(b.diagnosticNames);
        this.heapDumps = b.heapDumps.toArray(new PathGlob[0]);
        this.heapDumpWritten = List.copyOf(b.heapDumpWritten);
        this.heapDumpAllowed = new Decision[heapDumps.length];
        for (int i = 0; i < heapDumps.length; i++) {
            heapDumpAllowed[i] = Decision.allow("jvm.heap_dump[" + i + "]", "heap dump granted by jvm.heap_dump["
                    + i + "] '" + heapDumpWritten.get(i) + "'");
        }
        this.jfr = b.jfr;
        this.requireAttachDisabled = b.requireAttachDisabled;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static JvmRules none() {
        return builder().build();
    }

    /** A diagnostic command line as the JDK hands it to HotSpot ({@code Thread.print -l}). */
    public Decision decideDiagnostic(String commandLine) {
        String name = DiagnosticCommands.name(commandLine);
        if (name == null) {
            return Decision.deny("default-deny", "a diagnostic command line with a control character is denied:"
                    + " HotSpot would run what follows a line break as another command");
        }
        Decision granted = diagnostics.get(name);
        if (granted != null) {
            return granted;
        }
        String why = DiagnosticCommands.whyNotGrantable(name);
        return Decision.deny("default-deny", "no jvm.diagnostics rule grants the diagnostic command " + name
                + (why == null ? "; add it to jvm.diagnostics" : " (" + why + ", so no policy can grant it)"),
                "granted: " + (diagnosticNames.isEmpty() ? "none" : String.join(", ", diagnosticNames)));
    }

    /** {@code dumpHeap} to {@code realPath} (absolute, links resolved). */
    public Decision decideHeapDump(String realPath) {
        for (int i = 0; i < heapDumps.length; i++) {
            if (heapDumps[i].matches(realPath)) {
                return heapDumpAllowed[i];
            }
        }
        return Decision.deny("default-deny", "no jvm.heap_dump rule grants a heap dump to " + realPath
                + " (a dump holds the environment and every secret in memory); add a jvm.heap_dump rule",
                "granted: " + (heapDumpWritten.isEmpty() ? "none" : String.join(", ", heapDumpWritten)));
    }

    private static final Decision FLAG_ALLOWED = Decision.allow("jvm", "a manageable flag that writes no file");

    /** {@code setVMOption(name, value)}: the heap-dump flags never; the others write no file. */
    public Decision decideSetFlag(String name) {
        if (DUMP_FLAGS.contains(name)) {
            return Decision.deny("default-deny", "the flag " + name + " makes the JVM write a heap dump later,"
                    + " to a path no check sees, so no policy grants setting it; dump with"
                    + " HotSpotDiagnosticMXBean.dumpHeap and jvm.heap_dump instead");
        }
        return FLAG_ALLOWED;
    }

    private static final Decision JFR_ALLOWED = Decision.allow("jvm.jfr",
            "Flight Recorder granted by jvm.jfr (the environment and process events are always off)");
    private static final Decision JFR_DENIED = Decision.deny("default-deny",
            "Flight Recorder is not granted; set jvm.jfr: true (its recordings never hold the environment)");

    public Decision decideJfr() {
        return jfr ? JFR_ALLOWED : JFR_DENIED;
    }

    public boolean requireAttachDisabled() {
        return requireAttachDisabled;
    }

    public List<String> diagnostics() {
        return diagnosticNames;
    }

    public List<String> heapDumps() {
        return heapDumpWritten;
    }

    public boolean jfr() {
        return jfr;
    }

    /** {@code jvm.agents}: decides {@code JVMTI.agent_load} (with the file rules, see {@link AgentLoads}). */
    public AgentLoads agents() {
        return agents;
    }

    /** Collects the entries; each add throws {@link PatternException} with the policy error. */
    public static final class Builder {
        private final Map<String, Decision> diagnostics = new HashMap<>();
        private final List<String> diagnosticNames = new ArrayList<>();
        private final List<PathGlob> heapDumps = new ArrayList<>();
        private final List<String> heapDumpWritten = new ArrayList<>();
        private boolean jfr;
        private boolean requireAttachDisabled;
        private final List<AgentGrant> agents = new ArrayList<>();

        public Builder agent(AgentGrant grant) {
            agents.add(grant);
            return this;
        }

        public Builder diagnostic(String name) throws PatternException {
            String why = DiagnosticCommands.whyNotGrantable(name);
            if (why != null) {
                throw new PatternException("'" + name + "' cannot be granted in jvm.diagnostics: " + why);
            }
            String id = "jvm.diagnostics[" + diagnosticNames.size() + "]";
            diagnostics.putIfAbsent(name, Decision.allow(id, "diagnostic command granted by " + id + " '" + name + "'"));
            diagnosticNames.add(name);
            return this;
        }

        public Builder heapDump(String written, String expanded) throws PatternException {
            if (!expanded.startsWith("/")) {
                throw new PatternException("jvm.heap_dump entries must be absolute paths, not '" + written + "'");
            }
            heapDumps.add(PathGlob.compile(expanded));
            heapDumpWritten.add(written);
            return this;
        }

        public Builder jfr(boolean on) {
            this.jfr = on;
            return this;
        }

        public Builder requireAttachDisabled(boolean on) {
            this.requireAttachDisabled = on;
            return this;
        }

        public JvmRules build() {
            return new JvmRules(this);
        }
    }
}
