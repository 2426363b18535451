package dev.agentguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A denial's reason says what was denied and which key decides, never what else is granted: that list is
 * {@link Decision#granted()}, for the audit record and the opt-in message ({@code audit.message_grants}).
 */
class DenialGrantsTest {
    static final PolicyContext JVM = new PolicyContext("/work", "/home/u", "/tmp", "/opt/jdk", 42,
            "/usr/bin:/bin", List.of(), null);

    static Policy parse(String... lines) throws PolicyException {
        return PolicyLoader.parse("p.yaml", "/etc/agent/p.yaml", String.join("\n", lines) + "\n", JVM, Overrides.NONE);
    }

    static final String[] POLICY = {
        "version: 1",
        "files:",
        "  read: [\"/srv/granted-read/**\"]",
        "  write: [\"/srv/granted-write/**\"]",
        "process:",
        "  exec: [[\"/bin/granted-program\"]]",
        "network:",
        "  connect: [\"granted.example:443\", \"unix:/run/granted.sock\"]",
        "  listen: [\"127.0.0.1:7777\", \"unix:/run/granted-listen.sock\"]",
        "env:",
        "  read: [\"GRANTED_VARIABLE\"]",
        "native:",
        "  load: [\"grantedlib\"]",
        "jvm:",
        "  diagnostics: [VM.version]",
        "  heap_dump: [\"/srv/granted-dumps/*.hprof\"]",
    };

    @Test
    void noDenialReasonListsAGrant() throws Exception {
        Policy p = parse(POLICY);
        List<Decision> denials = List.of(
                p.files().decide(FileAccess.READ, "/etc/shadow", "/etc/shadow"),
                p.files().decide(FileAccess.WRITE, "/etc/shadow", "/etc/shadow"),
                p.processes().decide("/bin/sh", new String[] {"/bin/sh"}),
                p.network().decideResolve("evil.example"),
                p.network().decideConnect(null, new byte[] {(byte) 203, 0, 113, 9}, 443),
                p.network().decideListen(new byte[] {127, 0, 0, 1}, 8080),
                p.network().decideUnixConnect("/run/docker.sock"),
                p.network().decideUnixListen("/run/x.sock"),
                p.env().decide("AWS_SECRET_ACCESS_KEY"),
                p.natives().decide("evil", null),
                // attack-19: the jvm section put its grants into the reason itself
                p.jvm().decideDiagnostic("Thread.print"),
                p.jvm().decideHeapDump("/tmp/x.hprof"));
        for (Decision d : denials) {
            assertThat(d.allowed()).as(d.toString()).isFalse();
            assertThat(d.reason()).as("the reason of " + d).doesNotContain("granted-").doesNotContain("granted.")
                    .doesNotContain("7777").doesNotContain("GRANTED_").doesNotContain("grantedlib")
                    .doesNotContain("VM.version").doesNotContain("allowed:").doesNotContain("granted:").doesNotContain("granted under");
            assertThat(d.reason()).as("names the key to add to").containsPattern(
                    "files\\.(read|write)|process\\.exec|network\\.(connect|resolve|listen)|env\\.read|native\\.load|jvm\\.(diagnostics|heap_dump)");
            assertThat(d.granted()).as("what is granted instead, kept apart: " + d)
                    .containsPattern("granted-|granted\\.|7777|GRANTED_|grantedlib|VM\\.version");
            assertThat(d.reasonWithGrants()).isEqualTo(d.reason() + "; " + d.granted());
        }
    }

    @Test
    void theAuditOptionsDefaultToNoGrantsAndNoConsole() throws Exception {
        AuditSettings audit = parse("version: 1").audit();
        assertThat(audit.messageGrants()).isFalse();
        assertThat(audit.console()).isEqualTo(AuditSettings.Console.NONE);
        AuditSettings on = parse("version: 1", "audit:", "  message_grants: true", "  console: denials").audit();
        assertThat(on.messageGrants()).isTrue();
        assertThat(on.console()).isEqualTo(AuditSettings.Console.DENIALS);
    }

    @Test
    void wrongValuesAreRejectedWithTheirPlace() {
        assertProblem("audit:\n  message_grants: yes please", "p.yaml:3:", "'audit.message_grants' must be true or false");
        assertProblem("audit:\n  message_grants: \"true\"", "p.yaml:3:", "'audit.message_grants' must be true or false");
        assertProblem("audit:\n  console: all", "p.yaml:3:", "unknown value 'all' for 'audit.console' (expected: none, denials)");
    }

    private static void assertProblem(String yaml, String where, String what) {
        try {
            parse("version: 1", yaml);
        } catch (PolicyException e) {
            assertThat(e.problems()).anySatisfy(line -> assertThat(line).contains(where).contains(what));
            return;
        }
        throw new AssertionError("expected a problem: " + what);
    }
}
