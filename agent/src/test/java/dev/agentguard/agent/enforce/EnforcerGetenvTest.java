package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.agent.audit.AuditDecision;
import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A repeated {@code System.getenv} of a granted name skips the policy once its record is written
 * ({@link GrantedVariables}): every read must still be counted, and recorded as often as
 * {@code audit.allowed} says, and a name not granted is never remembered.
 */
class EnforcerGetenvTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"first, 1", "all, 3", "none, 0"})
    void repeatedGrantedReadsAreRecordedAsAuditAllowedSaysAndAllCounted(String allowed, int records) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Enforcer enforcer = enforcer(audit, allowed);
        for (int i = 0; i < 3; i++) {
            assertThat(enforcer.getenv("GRANTED_NAME", "value")).isEqualTo("value");
        }
        assertThat(enforcer.getenv("OTHER_NAME", "secret")).isNull();
        assertThat(enforcer.getenv("OTHER_NAME", "secret")).isNull();

        List<String> lines = Files.readAllLines(audit);
        assertThat(lines.stream().filter(l -> l.contains("\"target\":\"GRANTED_NAME\""))).hasSize(records);
        // Denials are never remembered as granted: each hidden read is decided and counted (the identical
        // second one shares the first one's record, and the summary counts it).
        assertThat(lines.stream().filter(l -> l.contains("\"target\":\"OTHER_NAME\""))).hasSize(1);
        assertThat(log.counters().get(Category.ENV, AuditDecision.DENY)).isEqualTo(2);
        assertThat(log.counters().get(Category.ENV, AuditDecision.ALLOW)).isEqualTo(3);
    }

    private AuditLog log;

    private Enforcer enforcer(Path audit, String allowed) throws Exception {
        String text = "version: 1\nmode: enforce\naudit: {file: " + audit + ", allowed: " + allowed + "}\n"
                + "env:\n  read: [\"GRANTED_*\"]\n";
        PolicyContext context = new PolicyContext(dir.toString(), dir.toString(), dir.toString(),
                System.getProperty("java.home"), 4242L, "/usr/bin:/bin", List.of(), null);
        Policy policy = PolicyLoader.parse("getenv.yaml", null, text, context, Overrides.NONE);
        log = AuditLog.open(audit, 4242L, policy.mode());
        return new Enforcer(policy, new Verdicts(policy.mode(), log, policy.audit().allowed()));
    }
}
