package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.hooks.HookActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks guard.jar's hook table (as {@code guard.jar hooks --ids} prints it on each JDK) and runs every
 * row's action in a child JVM under -javaagent: allowed by one policy and denied by another, in enforce
 * and in audit mode, on JDK 17 and 25. A row without an action, or whose action is not denied where it
 * must be, or whose effect happens anyway, fails the suite.
 */
class HookTableCoverageTest {
    @TempDir
    Path root;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            for (String mode : List.of("enforce", "audit")) {
                for (boolean granted : List.of(true, false)) {
                    out.add(Arguments.of(jdk, mode, granted));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode, granting policy: {2}")
    @MethodSource("matrix")
    void everyHookedMethodIsCheckedAllowedAndDenied(int jdk, String mode, boolean granted) throws Exception {
        List<String> ids = hookIds(jdk);
        assertThat(ids).as("hook ids on JDK " + jdk).isNotEmpty();
        HookSandbox sandbox = HookSandbox.create(root);
        try (LoopbackListener listener = new LoopbackListener()) {
            Path policy = sandbox.writePolicy(mode, granted, listener.port());
            ChildJvm.Result result = sandbox.child(jdk, policy, listener.port()).run(
                    "dev.agentguard.apps.hooks.HookActions", ids.toArray(new String[0]));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            Map<String, String> outcomes = outcomes(result);
            boolean blocked = !granted && mode.equals("enforce");
            for (String id : ids) {
                if (HookActions.PROTECTED.containsKey(id)) {
                    // Protects the guard itself: the same in every policy and mode.
                    assertThat(outcomes.get(id + "#allowed")).as(id + " on an ordinary class\n" + result).startsWith("ok ");
                    assertThat(outcomes.get(id + "#denied")).as(id + " on a guard class\n" + result)
                            .startsWith("denied agentguard: denied");
                    continue;
                }
                if (HookActions.FIXED.containsKey(id)) {
                    sandbox.assertFixed(id, outcomes, mode, result);
                    continue;
                }
                String outcome = outcomes.get(id);
                assertThat(outcome).as("no outcome for hook " + id + "\n" + result).isNotNull();
                if (HookActions.TAMPER.containsKey(id)) {
                    // Refused under every policy, in both modes.
                    assertThat(outcome).as(id + "\n" + result).startsWith("denied agentguard: denied guard ");
                    continue;
                }
                boolean rowBlocked = blocked || (!granted && HookActions.DENIED_IN_AUDIT_TOO.contains(id));
                if (rowBlocked && HookActions.QUERIES.containsKey(id)) {
                    // A denied metadata query answers as for a missing file (its target exists).
                    assertThat(outcome).as(id + "\n" + result).startsWith("absent ");
                } else if (rowBlocked) {
                    assertThat(outcome).as(id + "\n" + result).startsWith("denied ");
                    if (HookSandbox.category(id).equals("env")) {
                        // Env reads are hidden, not thrown (section 7).
                        assertThat(outcome).as(id).startsWith("denied " + "hidden:");
                    } else {
                        assertThat(outcome).as(id).contains("agentguard: denied").doesNotContain("guard-error");
                    }
                } else {
                    assertThat(outcome).as(id + "\n" + result).startsWith("ok ");
                }
            }
            List<String> inAuditToo = ids.stream().filter(HookActions.DENIED_IN_AUDIT_TOO::contains).toList();
            sandbox.assertEffects(ids.stream().filter(id -> !inAuditToo.contains(id)).toList(), blocked, listener);
            sandbox.assertEffects(inAuditToo, !granted, listener);
            AuditLogFile audit = AuditLogFile.read(sandbox.auditLog());
            sandbox.assertFixedRecorded(ids, mode, audit);
            if (!granted) {
                for (String id : ids) {
                    if (HookActions.PROTECTED.containsKey(id) || HookActions.FIXED.containsKey(id)) {
                        continue;
                    }
                    if (HookActions.TAMPER.containsKey(id)) {
                        assertThat(audit.where("deny", "guard")).as("a deny record for the tampering of " + id)
                                .anySatisfy(r -> assertThat(r.path("op").asText()).isIn("agent-load", "jar-opens"));
                        continue;
                    }
                    String decision = mode.equals("enforce") || inAuditToo.contains(id) ? "deny" : "would_deny";
                    String category = HookSandbox.category(id);
                    assertThat(audit.where(decision, category)).as("a " + decision + " record for " + category
                            + " (hook " + id + ")").isNotEmpty();
                    String queryOp = HookActions.QUERIES.get(id);
                    if (queryOp != null) {
                        // The "absent" answer is still a recorded denial, of this very query.
                        assertThat(audit.where(decision, category)).as("a " + decision + " record of op " + queryOp
                                + " (hook " + id + ")").anyMatch(r -> r.path("op").asText().equals(queryOp)
                                && (!blocked || r.path("details").path("answered").asText().equals("absent")));
                    }
                }
            } else {
                assertThat(audit.where("deny", "file")).as("no denials under the granting policy").isEmpty();
                assertThat(audit.where("would_deny", "file")).isEmpty();
            }
        }
    }

    static List<String> hookIds(int jdk) throws IOException, InterruptedException {
        ChildJvm.Result r = ChildJvm.on(jdk).guardCli("hooks", "--ids");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.lines().stream().filter(l -> !l.isBlank()).toList();
    }

    static Map<String, String> outcomes(ChildJvm.Result result) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : result.lines()) {
            if (line.startsWith("ACTION ")) {
                String rest = line.substring("ACTION ".length());
                int space = rest.indexOf(' ');
                out.put(rest.substring(0, space), rest.substring(space + 1));
            }
        }
        return out;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
