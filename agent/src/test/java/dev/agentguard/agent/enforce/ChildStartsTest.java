package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment a child gets when it inherits the JVM's ({@link ChildStarts#inheritedEnvironment}), prepared once
 * and shared by every such start: what each variable's verdict says, as the per-start filter gave before.
 */
class ChildStartsTest {
    @TempDir
    Path dir;

    @Test
    void anInheritingChildGetsTheGrantedVariablesNeverTheStrippedOnesAndTheHiddenOnesOnlyWhenNotDropped()
            throws Exception {
        Map<String, String> jvm = System.getenv();
        assumeTrue(jvm.containsKey("PATH") && jvm.containsKey("HOME") && jvm.size() > 2, "PATH, HOME and more set");
        String text = "version: 1\nmode: enforce\naudit: {file: " + dir.resolve("audit.jsonl") + "}\n"
                + "env:\n  read: [\"PATH\", \"HOME\"]\nprocess:\n  env:\n    strip: [\"HOME\"]\n";
        PolicyContext context = new PolicyContext(dir.toString(), dir.toString(), dir.toString(),
                System.getProperty("java.home"), 4242L, "/usr/bin:/bin", List.of(), null);
        Policy policy = PolicyLoader.parse("child.yaml", null, text, context, Overrides.NONE);
        AuditLog log = AuditLog.open(dir.resolve("audit.jsonl"), 4242L, policy.mode());
        ChildStarts starts = new ChildStarts(policy, new Verdicts(policy.mode(), log, policy.audit().allowed()));

        Map<String, String> dropped = starts.inheritedEnvironment(true);
        assertThat(dropped).isEqualTo(Map.of("PATH", jvm.get("PATH")));

        Set<String> kept = new HashSet<>();
        for (String name : jvm.keySet()) {
            if (!policy.env().stripped(name)) {
                kept.add(name);
            }
        }
        Map<String, String> notDropped = starts.inheritedEnvironment(false);
        assertThat(notDropped.keySet()).isEqualTo(kept).doesNotContain("HOME").contains("PATH");
        assertThat(notDropped.get("PATH")).isEqualTo(jvm.get("PATH"));

        // Made once per mode of hiding: every inheriting start is handed the same map.
        assertThat(starts.inheritedEnvironment(true)).isSameAs(dropped);
        assertThat(starts.inheritedEnvironment(false)).isSameAs(notDropped);
        // And the records name the same split: HOME is stripped (not recorded), the rest not granted is hidden.
        assertThat(starts.inheritedVariables().passed().sorted).containsExactly("PATH");
        assertThat(starts.inheritedVariables().hidden().sorted).doesNotContain("PATH", "HOME")
                .hasSize(kept.size() - 1);
        log.close();
    }
}
