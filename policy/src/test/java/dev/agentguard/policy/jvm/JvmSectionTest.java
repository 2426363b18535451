package dev.agentguard.policy.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.Request;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code jvm} section: loading, its errors, and each decision allowed and denied. */
class JvmSectionTest {
    static final PolicyContext JVM = new PolicyContext("/work", "/home/u", "/tmp", "/opt/jdk", 42,
            "/usr/bin:/bin", List.of(), null);

    static Policy parse(String... lines) throws PolicyException {
        return parse(JVM, lines);
    }

    static Policy parse(PolicyContext context, String... lines) throws PolicyException {
        return PolicyLoader.parse("p.yaml", "/etc/agent/p.yaml", "version: 1\n" + String.join("\n", lines) + "\n",
                context, Overrides.NONE);
    }

    static List<String> problems(String... lines) {
        try {
            parse(lines);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy to be rejected");
    }

    @Test
    void withoutTheSectionNothingIsGranted() throws Exception {
        JvmRules jvm = parse().jvm();
        assertThat(jvm.decideDiagnostic("VM.version").allowed()).isFalse();
        assertThat(jvm.decideHeapDump("/work/d.hprof").allowed()).isFalse();
        assertThat(jvm.decideJfr().allowed()).isFalse();
        assertThat(jvm.requireAttachDisabled()).isFalse();
        // Flags that write no file stay settable; the heap-dump flags never are.
        assertThat(jvm.decideSetFlag("PrintConcurrentLocks").allowed()).isTrue();
        assertThat(jvm.decideSetFlag("HeapDumpPath").allowed()).isFalse();
    }

    @Test
    void grantsWhatIsListed() throws Exception {
        JvmRules jvm = parse("jvm:",
                "  diagnostics: [Thread.print, VM.version]",
                "  heap_dump: [\"${workdir}/dumps/*.hprof\"]",
                "  jfr: true",
                "  require_attach_disabled: true").jvm();
        Decision print = jvm.decideDiagnostic("Thread.print -l");
        assertThat(print.allowed()).isTrue();
        assertThat(print.rule()).isEqualTo("jvm.diagnostics[0]");
        assertThat(jvm.decideDiagnostic("  VM.version").rule()).isEqualTo("jvm.diagnostics[1]");
        assertThat(jvm.decideDiagnostic("GC.class_histogram").allowed()).isFalse();
        assertThat(jvm.decideHeapDump("/work/dumps/a.hprof").rule()).isEqualTo("jvm.heap_dump[0]");
        assertThat(jvm.decideHeapDump("/work/other/a.hprof").allowed()).isFalse();
        assertThat(jvm.decideHeapDump("/home/u/.ssh/authorized_keys").reason()).contains("every secret in memory");
        assertThat(jvm.decideJfr().rule()).isEqualTo("jvm.jfr");
        assertThat(jvm.requireAttachDisabled()).isTrue();
    }

    @Test
    void aGrantedCommandCannotCarryASecondCommand() throws Exception {
        JvmRules jvm = parse("jvm:", "  diagnostics: [Thread.print]").jvm();
        for (String line : List.of("Thread.print -l\nVM.log output=/x", "Thread.print\rJVMTI.agent_load /x.so",
                "Thread.print\u0000", "Thread.print\tx")) {
            Decision d = jvm.decideDiagnostic(line);
            assertThat(d.allowed()).as(line).isFalse();
            assertThat(d.reason()).contains("control character");
        }
        // A name that only starts like a granted one is another command.
        assertThat(jvm.decideDiagnostic("Thread.printx").allowed()).isFalse();
    }

    @Test
    void onlyReadOnlyCommandsCanBeGranted() {
        assertThat(problems("jvm:", "  diagnostics: [GC.heap_dump, VM.info, JVMTI.agent_load, VM.log, Made.up]"))
                .containsExactly(
                        "p.yaml:3:17: 'GC.heap_dump' cannot be granted in jvm.diagnostics: writes a heap dump; grant dumpHeap with jvm.heap_dump instead",
                        "p.yaml:3:31: 'VM.info' cannot be granted in jvm.diagnostics: prints environment variables",
                        "p.yaml:3:40: 'JVMTI.agent_load' cannot be granted in jvm.diagnostics: loads code (an agent; grant the agent's file in jvm.agents)",
                        "p.yaml:3:58: 'VM.log' cannot be granted in jvm.diagnostics: renames and creates files",
                        "p.yaml:3:66: 'Made.up' cannot be granted in jvm.diagnostics: it is not a read-only diagnostic command of JDK 17 or 25");
    }

    @Test
    void badShapesAreErrors() {
        assertThat(problems("jvm:", "  jfr: yes please")).singleElement().asString().contains("'jvm.jfr' must be true or false");
        assertThat(problems("jvm:", "  heap_dump: [\"dumps/*.hprof\"]")).singleElement().asString()
                .contains("must be absolute");
        assertThat(problems("jvm:", "  agents: [x]")).singleElement().asString().contains("agents");
    }

    @Test
    void explainDecidesJvmRequests() throws Exception {
        Policy p = parse("jvm:", "  diagnostics: [VM.version]");
        assertThat(p.decide(Request.parse("jvm", "diagnostic", List.of("VM.version"), JVM)).allowed()).isTrue();
        assertThat(p.decide(Request.parse("jvm", "diagnostic", List.of("VM.log", "output=/x"), JVM)).allowed()).isFalse();
        assertThat(p.decide(Request.parse("jvm", "set-flag", List.of("HeapDumpBeforeFullGC"), JVM)).allowed()).isFalse();
        assertThat(p.decide(Request.parse("jvm", "jfr-start", List.of("r"), JVM)).allowed()).isFalse();
        assertThat(p.decide(Request.parse("jvm", "heap-dump", List.of("/work/d.hprof"), JVM)).allowed()).isFalse();
    }

    @Test
    void everyReadOnlyCommandHasNoRefusal() {
        for (String name : DiagnosticCommands.READ_ONLY) {
            assertThat(DiagnosticCommands.whyNotGrantable(name)).as(name).isNull();
        }
    }
}
