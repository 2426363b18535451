package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.agent.audit.AuditDecision;
import dev.agentguard.agent.audit.AuditLog;
import dev.agentguard.callers.StartCallers;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The record of the JVM's own hidden variables that a child inheriting the environment does not get
 * ({@link Verdicts#hiddenInherited}): written with its caller whenever the start's own record is written (and at
 * the first start), counted as a copy otherwise, so that a repeated start walks no stack. Every start is counted,
 * hidden variables are dropped, and the summary's repeat counts stay whole.
 */
class InheritedHiddenRecordTest {
    @TempDir
    Path dir;

    private AuditLog log;

    @ParameterizedTest
    @CsvSource({"first, 1, 1", "all, 5, 2", "none, 0, 1"})
    void aRepeatedStartCountsTheHiddenRecordAndAWrittenStartWritesItWithItsCaller(String allowed, int execRecords,
                                                                               int hiddenRecords) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Enforcer enforcer = enforcer(audit, allowed);
        for (int i = 0; i < 3; i++) {
            Object[] start = StartCallers.here(enforcer, "/bin/true");
            // Enforce mode: the child gets the granted variable only.
            assertThat(((java.util.Map<?, ?>) start[1]).keySet()).allMatch(name -> name.equals("PATH"));
        }
        for (int i = 0; i < 2; i++) {
            StartCallers.there(enforcer, "/bin/true");
        }
        log.writeSummary(null);
        log.close();

        List<String> lines = Files.readAllLines(audit);
        List<String> hidden = lines.stream().filter(l -> l.contains("\"op\":\"read-all\"")
                && l.contains("\"decision\":\"deny\"")).collect(Collectors.toList());
        assertThat(lines.stream().filter(l -> l.contains("\"op\":\"exec\""))).hasSize(execRecords);
        assertThat(hidden).hasSize(hiddenRecords);
        assertThat(hidden.get(0)).contains("StartCallers.here(");
        if (hiddenRecords == 2) {
            assertThat(hidden.get(1)).contains("StartCallers.there(");
        }
        // Every start's hidden read is counted, written or not; the summary accounts for the copies.
        assertThat(log.counters().get(Category.ENV, AuditDecision.DENY)).isEqualTo(5);
        assertThat(log.counters().get(Category.PROCESS, AuditDecision.ALLOW)).isEqualTo(5);
        String summary = lines.get(lines.size() - 1);
        assertThat(summary).contains("\"op\":\"summary\"");
        java.util.regex.Matcher more = java.util.regex.Pattern.compile("\"more\":(\\d+)").matcher(summary);
        int copies = 0;
        while (more.find()) {
            copies += Integer.parseInt(more.group(1));
        }
        assertThat(copies).isEqualTo(5 - hiddenRecords);
    }

    private Enforcer enforcer(Path audit, String allowed) throws Exception {
        String text = "version: 1\nmode: enforce\naudit: {file: " + audit + ", allowed: " + allowed + "}\n"
                + "process:\n  exec:\n    - [\"/bin/true\"]\nenv:\n  read: [\"PATH\"]\n";
        PolicyContext context = new PolicyContext(dir.toString(), dir.toString(), dir.toString(),
                System.getProperty("java.home"), 4242L, "/usr/bin:/bin", List.of(), null);
        Policy policy = PolicyLoader.parse("start.yaml", null, text, context, Overrides.NONE);
        log = AuditLog.open(audit, 4242L, policy.mode());
        return new Enforcer(policy, new Verdicts(policy.mode(), log, policy.audit().allowed()));
    }
}
