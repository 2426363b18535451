package dev.agentguard.policy.load;

import static dev.agentguard.policy.load.PolicyLoaderTest.parse;
import static dev.agentguard.policy.load.PolicyLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Policy;
import dev.agentguard.policy.process.ArgvPattern;
import org.junit.jupiter.api.Test;

/** The map form of an exec rule, and the section's lifecycle and environment keys. */
class ProcessSectionTest {
    @Test
    void mapRulesCarryTheirOptions() throws Exception {
        Policy p = parse(String.join("\n",
                "version: 1",
                "process:",
                "  exec:",
                "    - [\"/bin/true\"]",
                "    - argv: [\"/bin/true\", \"x\"]",
                "      env: [GIT_DIR, \"MY_*\"]",
                "      timeout: 30s",
                "      guard: false",
                "  timeout: 10m",
                "  on_exit: keep",
                "  env:",
                "    pass: [LANG, \"LC_*\"]",
                "    strip: [\"AWS_*\"]"));
        ArgvPattern plain = p.processes().exec().get(0);
        ArgvPattern map = p.processes().exec().get(1);
        assertThat(plain.options().guardChildJvm()).isTrue();
        assertThat(plain.options().env()).isEmpty();
        assertThat(map.elements()).containsExactly("/bin/true", "x");
        assertThat(map.options().timeoutMillis()).isEqualTo(30_000);
        assertThat(map.options().guardChildJvm()).isFalse();
        assertThat(map.options().passes("GIT_DIR")).isTrue();
        assertThat(map.options().passes("MY_X")).isTrue();
        assertThat(p.processes().lifecycle().timeoutMillis()).isEqualTo(600_000);
        assertThat(p.processes().lifecycle().keepOnExit()).isTrue();
        assertThat(p.processes().lifecycle().pass()).hasSize(2);
        assertThat(p.env().stripped("AWS_SECRET")).isTrue();
    }

    @Test
    void defaultsKillChildrenAtExitWithoutTimeLimit() throws Exception {
        Policy p = parse("version: 1\n");
        assertThat(p.processes().lifecycle().keepOnExit()).isFalse();
        assertThat(p.processes().lifecycle().timeoutMillis()).isZero();
    }

    @Test
    void badValuesAreReportedWithTheirPlace() {
        assertThat(problems(String.join("\n",
                "version: 1",
                "process:",
                "  exec:",
                "    - argv: []",
                "    - {argv: [\"/bin/true\"], tiemout: 3s}",
                "    - {argv: [\"/bin/true\"], timeout: soon, guard: \"no\"}",
                "    - {env: [X]}",
                "  timeout: 0s",
                "  on_exit: stay",
                "  env:",
                "    pass: [PAGER, \"A=B\"]",
                "    keep: [X]")))
                .containsExactly(
                        "p.yaml:4:13: 'process.exec[0].argv' must be a non-empty argv list such as [\"git\", \"status\"]",
                        "p.yaml:5:29: unknown key 'tiemout' under 'process.exec[1]' (expected: argv, env, timeout, guard)",
                        "p.yaml:6:38: 'process.exec[2].timeout': 'soon' is not a timeout (write N followed by ms, s, m or h, e.g. 30s or 10m)",
                        "p.yaml:6:51: 'process.exec[2].guard' must be true or false, not a string",
                        "p.yaml:7:7: 'process.exec[3].argv' must be a non-empty argv list such as [\"git\", \"status\"] (the key is missing)",
                        "p.yaml:12:5: unknown key 'keep' under 'process.env' (expected: strip, pass)",
                        "p.yaml:8:12: 'process.timeout': timeout '0s' must be at least 1ms (leave the key out for no limit)",
                        "p.yaml:9:12: unknown process.on_exit 'stay' (expected: kill, keep)",
                        "p.yaml:11:12: 'process.env.pass' cannot grant PAGER: PAGER makes a program load or run code, or"
                                + " read its configuration, from where the value says; name it in the env: list of the exec rule that needs it",
                        "p.yaml:11:19: 'A=B' contains '=', which cannot be part of an environment variable name");
    }
}
