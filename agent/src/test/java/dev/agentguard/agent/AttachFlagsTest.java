package dev.agentguard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diagnostic bean the attach and heap-dump flags are read from at start, made directly (docs/design/startup.md,
 * "Third round, CPU"), says what the platform bean says: the VM's values, and no such flag where the JDK has none.
 * The surefire configuration exports its package to the tests, as premain does to the guard's module; the
 * order a guarded start reads them in (no platform bean made before) is covered by the child-JVM tests
 * ({@code JvmMachineryTest}, {@code NoByteBuddyAtStartTest}).
 */
class AttachFlagsTest {
    private static final List<String> FLAGS = List.of("DisableAttachMechanism", "EnableDynamicAgentLoading",
            "HeapDumpOnOutOfMemoryError", "HeapDumpBeforeFullGC", "HeapDumpAfterFullGC", "HeapDumpPath",
            "NoSuchFlagOfAnyJdk");

    @Test
    void theDirectBeanReadsWhatThePlatformBeanReads() {
        HotSpotDiagnosticMXBean direct = AttachFlags.directBean(null);
        assertThat(direct).as("made without ManagementFactory on JDK %s", Runtime.version()).isNotNull();
        HotSpotDiagnosticMXBean platform = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertThat(direct.getClass()).isSameAs(platform.getClass());
        for (String flag : FLAGS) {
            assertThat(value(direct, flag)).as(flag).isEqualTo(value(platform, flag));
        }
        assertThat(value(direct, "NoSuchFlagOfAnyJdk")).isEqualTo("no such flag");
        assertThat(value(direct, "DisableAttachMechanism")).isIn("false", "true");
        assertThat(HeapDumpFlags.read(direct)).isEqualTo(HeapDumpFlags.read(platform));
    }

    @Test
    void withoutTheExportOrInstrumentationTheDiagnosticBeanIsThePlatformOne() {
        assertThat(AttachFlags.diagnosticBean(null)).isNotNull();
    }

    private static String value(HotSpotDiagnosticMXBean bean, String flag) {
        try {
            return bean.getVMOption(flag).getValue();
        } catch (IllegalArgumentException e) {
            return "no such flag";
        }
    }
}
