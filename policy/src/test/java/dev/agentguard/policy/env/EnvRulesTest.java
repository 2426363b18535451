package dev.agentguard.policy.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvRulesTest {
    private final EnvRules rules = compile(List.of("PATH", "HOME", "LANG", "OPENAI_API_KEY", "AGENT_*", "LD_PRELOAD"),
            List.of("SECRET_*", "EXTRA"));

    private static EnvRules compile(List<String> read, List<String> strip) {
        try {
            return EnvRules.compile(read, strip);
        } catch (PatternException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void grantsArePrebuilt() {
        Decision d = rules.decide("AGENT_MODE");
        assertThat(d.allowed()).isTrue();
        assertThat(d.rule()).isEqualTo("env.read[4]");
        assertThat(d.reasonWithGrants()).isEqualTo("granted by env.read[4]: AGENT_*");
        assertThat(rules.decide("AGENT_OTHER")).isSameAs(d);
        assertThat(rules.decide("PATH").rule()).isEqualTo("env.read[0]");
    }

    @Test
    void denialListsTheGrants() {
        Decision d = rules.decide("AWS_SECRET_ACCESS_KEY");
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("default-deny");
        assertThat(d.reasonWithGrants()).isEqualTo("no env.read entry grants 'AWS_SECRET_ACCESS_KEY'; granted: PATH, HOME,"
                + " LANG, OPENAI_API_KEY, AGENT_*, LD_PRELOAD");
        assertThat(rules.decide("path").allowed()).isFalse();
        assertThat(rules.decide(null).allowed()).isFalse();
    }

    @Test
    void denialCapsTheListAndNamesAnEmptySection() {
        EnvRules many = compile(List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"), List.of());
        assertThat(many.decide("B").reasonWithGrants()).isEqualTo("no env.read entry grants 'B'; granted: A1, A2, A3, A4, A5,"
                + " A6, A7, A8, … (2 more)");
        EnvRules none = compile(List.of(), List.of());
        assertThat(none.decide("PATH").reasonWithGrants())
                .isEqualTo("no env.read entry grants 'PATH'; no variable is granted (env.read is empty)");
    }

    @Test
    void stripListIsBuiltInPlusExtras() {
        assertThat(EnvRules.BUILT_IN_STRIP).containsExactly("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
                "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "NODE_OPTIONS", "PYTHONPATH", "PYTHONSTARTUP", "PERL5OPT", "RUBYOPT", "BASH_ENV",
                "ENV", "PROMPT_COMMAND");
        for (String name : EnvRules.BUILT_IN_STRIP) {
            assertThat(rules.stripped(name)).as(name).isTrue();
        }
        assertThat(rules.stripped("EXTRA")).isTrue();
        assertThat(rules.stripped("SECRET_X")).isTrue();
        assertThat(rules.stripped("ld_preload")).isFalse(); // case-sensitive, as on Linux
        assertThat(rules.stripped("PATH")).isFalse();
        assertThat(rules.stripped(null)).isFalse();
        assertThat(rules.extraStrip()).extracting(EnvNamePattern::text).containsExactly("SECRET_*", "EXTRA");
    }

    @Test
    void strippingDoesNotAffectReadsOnlyChildren() {
        assertThat(rules.decide("LD_PRELOAD").allowed()).isTrue();
        assertThat(rules.inheritable("LD_PRELOAD")).isFalse();
        assertThat(rules.inheritable("HOME")).isTrue();
        assertThat(rules.inheritable("USER")).isFalse();
    }

    @Test
    void errorsNameTheEntry() {
        assertThatThrownBy(() -> EnvRules.compile(List.of("PATH", "A=B"), List.of()))
                .isInstanceOf(PatternException.class)
                .hasMessage("env.read[1]: 'A=B' contains '=', which cannot be part of an environment variable name");
        assertThatThrownBy(() -> EnvRules.compile(List.of(), List.of("")))
                .isInstanceOf(PatternException.class)
                .hasMessage("process.env.strip[0]: an environment variable name cannot be empty");
    }

    @Test
    void allowedPathAllocatesNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            rules.decide("AGENT_MODE");
            rules.stripped("HOME");
        }
        long before = mx.getThreadAllocatedBytes(id);
        boolean all = true;
        for (int i = 0; i < 20_000; i++) {
            all &= rules.decide("AGENT_MODE").allowed() & rules.decide("LANG").allowed() & !rules.stripped("HOME")
                    & rules.inheritable("HOME");
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(all).isTrue();
        assertThat(allocated).isLessThan(1024);
    }
}
