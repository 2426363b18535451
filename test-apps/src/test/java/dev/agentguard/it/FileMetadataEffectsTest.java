package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.hooks.FileProbes;
import dev.agentguard.apps.hooks.HookActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link HookTableCoverageTest} cannot see through effect files: that a denied java.io.File change
 * left the file as it was (still there, same time, same permissions, no temporary file), and the cases
 * that a granting policy must deny all the same (streams on descriptors the guard never saw opened, a
 * rename target that hides its real path), on JDK 17 and 25.
 */
class FileMetadataEffectsTest {
    @TempDir
    Path root;

    static Stream<Arguments> policies() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, "enforce", true));
            out.add(Arguments.of(jdk, "enforce", false));
            out.add(Arguments.of(jdk, "audit", false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode, granting policy: {2}")
    @MethodSource("policies")
    void deniedChangesLeaveTheFilesAsTheyWere(int jdk, String mode, boolean granted) throws Exception {
        List<String> ids = HookActions.ACTIONS.keySet().stream()
                .filter(id -> id.startsWith("java.io.File#") || id.startsWith("java.io.File$")).toList();
        assertThat(ids).hasSizeGreaterThan(20);
        HookSandbox sandbox = HookSandbox.create(root);
        Path policy = sandbox.writePolicy(mode, granted, 9);
        ChildJvm.Result result = sandbox.child(jdk, policy, 9).run("dev.agentguard.apps.hooks.HookActions",
                ids.toArray(new String[0]));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        boolean blocked = mode.equals("enforce") && !granted;
        Map<String, String> outcomes = HookTableCoverageTest.outcomes(result);
        for (String id : ids) {
            // A denied probe (exists, isFile, canRead, ...) answers as for a missing file; the rest throw.
            String denied = HookActions.QUERIES.containsKey(id) ? "absent " : "denied agentguard: denied";
            assertThat(outcomes.get(id)).as(id + "\n" + result).startsWith(blocked ? denied : "ok ");
        }
        FileMetadataEffects.assertEffects(root.resolve("sandbox"), !blocked);
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("modes")
    void aGrantingPolicyStillDeniesUnseenDescriptorsAndHiddenRenameTargets(int jdk, String mode) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        Path policy = sandbox.writePolicy(mode, true, 9);
        List<String> probes = List.copyOf(FileProbes.PROBES.keySet());
        ChildJvm.Result result = sandbox.child(jdk, policy, 9).run("dev.agentguard.apps.hooks.FileProbes",
                probes.toArray(new String[0]));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> outcomes = HookTableCoverageTest.outcomes(result);
        boolean enforce = mode.equals("enforce");
        for (String probe : probes) {
            boolean mustDeny = probe.startsWith("unseen-") || probe.startsWith("forged-");
            assertThat(outcomes.get(probe)).as(probe + "\n" + result)
                    .startsWith(mustDeny && enforce ? "denied agentguard: denied" : "ok ");
        }
        // In audit mode the rename really happens: proof that the forged target names the outside path.
        assertThat(Files.exists(root.resolve(FileProbes.OUTSIDE))).as("file moved outside the sandbox")
                .isEqualTo(!enforce);
        AuditLogFile audit = AuditLogFile.read(sandbox.auditLog());
        String decision = enforce ? "deny" : "would_deny";
        assertThat(audit.where(decision, "file")).as("records of unseen descriptors")
                .filteredOn(r -> r.path("op").asText().equals("open-fd")).hasSize(4);
        assertThat(audit.has(decision, "file", FileProbes.OUTSIDE)).as("a record naming the real rename target").isTrue();
    }

    static Stream<Arguments> modes() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, "enforce"));
            out.add(Arguments.of(jdk, "audit"));
        }
        return out.stream();
    }
}
