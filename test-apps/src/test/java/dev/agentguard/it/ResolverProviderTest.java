package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A name-resolver provider on the class path (JDK 18+; run on JDK 25, JDK 17 has no such SPI) answers the
 * granted name {@code api.test} with 127.0.0.2, where a listener stands for "anywhere". Not granted by
 * {@code network.resolver}: in enforce mode every lookup fails naming the refused provider, and 127.0.0.2
 * sees nothing; in audit mode it is recorded as would_deny and used. Granted: trusted in both modes.
 */
class ResolverProviderTest {
    /** Granted by network.connect; only the provider knows it (not "localhost": the JDK falls back to loopback). */
    private static final String NAME = "api.test";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            for (boolean granted : List.of(false, true)) {
                out.add(Arguments.of(mode, granted));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK 25, {0} mode, provider granted: {1}")
    @MethodSource("cases")
    void aResolverProviderAnswersOnlyWhenGranted(String mode, boolean granted) throws Exception {
        Path jar = ResolverProviderJar.build(tmp.resolve("provider"));
        Path audit = tmp.resolve("audit.jsonl");
        try (AttackListeners listeners = new AttackListeners(tmp.resolve("u.sock"))) {
            int port = listeners.granted.port();
            ChildJvm.Result run = resolverAttack(mode, granted, jar, audit, port, null);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            String line = run.lines().stream().filter(l -> l.startsWith("ATTACK ")).findFirst().orElse("none");
            List<String> resolverRecords = resolverDecisions(AuditLogFile.read(audit));
            if (!granted && mode.equals("enforce")) {
                assertThat(line).as(run.toString()).contains(" blocked ")
                        .contains("agentguard: denied network resolver " + ResolverProviderJar.PROVIDER);
                assertThat(listeners.deniedAddress.connections()).as("connections to 127.0.0.2").isZero();
                assertThat(resolverRecords).containsExactly("deny");
            } else {
                // Granted, the provider is trusted like the JDK's resolver; in audit mode nothing is blocked.
                assertThat(line).as(run.toString()).contains(" SUCCEEDED reached 127.0.0.2");
                assertThat(listeners.deniedAddress.connections()).as("connections to 127.0.0.2").isPositive();
                assertThat(resolverRecords).containsExactly(granted ? "allow" : "would_deny");
            }
        }
    }

    /**
     * Issue 12 item 7: an agent before the guard (JAVA_TOOL_OPTIONS) resolves a name in its premain, so the
     * JDK takes the provider before the guard's hook exists. The guard finds the installed resolver at
     * start and decides it: not granted in enforce mode, the JVM does not start (its answer may already be
     * cached); in audit mode it is recorded as would_deny; granted, allowed.
     */
    @ParameterizedTest(name = "JDK 25, {0} mode, provider granted: {1}")
    @MethodSource("cases")
    void aProviderLoadedBeforeTheGuardIsDecidedAtStart(String mode, boolean granted) throws Exception {
        Path jar = ResolverProviderJar.build(tmp.resolve("provider"));
        Path early = TestJars.write(tmp.resolve("early-agent.jar"),
                java.util.Map.of("Premain-Class", "dev.agentguard.apps.attacks.EarlyResolveAgent"),
                List.of("dev.agentguard.apps.attacks.EarlyResolveAgent"));
        Path audit = tmp.resolve("audit.jsonl");
        try (AttackListeners listeners = new AttackListeners(tmp.resolve("u.sock"))) {
            int port = listeners.granted.port();
            ChildJvm.Result run = resolverAttack(mode, granted, jar, audit, port, early);
            assertThat(run.lines()).as(run.toString()).contains("EARLY " + NAME + " " + AttackListeners.DENIED_ADDRESS);
            List<String> resolverRecords = resolverDecisions(AuditLogFile.read(audit));
            if (!granted && mode.equals("enforce")) {
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
                assertThat(run.stderr()).contains("the name-resolver provider " + ResolverProviderJar.PROVIDER
                        + " was loaded before the guard");
                assertThat(run.lines()).noneMatch(l -> l.startsWith("ATTACK "));
                assertThat(listeners.deniedAddress.connections()).as("connections to 127.0.0.2").isZero();
                assertThat(resolverRecords).containsExactly("deny");
            } else {
                assertThat(run.exitCode()).as(run.toString()).isZero();
                assertThat(resolverRecords).containsExactly(granted ? "allow" : "would_deny");
            }
        }
    }

    /**
     * ResolverAttack under a policy granting NAME:port by network.connect (and the provider when
     * {@code granted}), the provider jar on the class path; with {@code early}, that agent jar runs before
     * the guard (JAVA_TOOL_OPTIONS) and resolves NAME.
     */
    private ChildJvm.Result resolverAttack(String mode, boolean granted, Path jar, Path audit, int port, Path early)
            throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: " + mode,
                "audit:",
                "  file: " + audit,
                "  allowed: all",
                early == null ? "" : "files:\n  read: [\"" + early + "\"]",
                "network:",
                "  connect: [\"" + NAME + ":" + port + "\"]",
                granted ? "  resolver: [\"" + ResolverProviderJar.PROVIDER + "\"]" : "",
                ""), StandardCharsets.UTF_8);
        ChildJvm child = ChildJvm.on(25).agent(policy.toString()).workdir(work)
                .classPath(ChildJvm.APPS + File.pathSeparator + jar)
                .option("-Dag.resolver.map=" + NAME + "=" + AttackListeners.DENIED_ADDRESS)
                .option("-Dag.name=" + NAME)
                .option("-Dag.port=" + port);
        if (early != null) {
            child.env("JAVA_TOOL_OPTIONS", "-javaagent:" + early + "=" + NAME);
        }
        return child.run("dev.agentguard.apps.attacks.ResolverAttack");
    }

    /** The decisions of the network/resolver records: one per JVM, the provider is taken once. */
    private static List<String> resolverDecisions(AuditLogFile audit) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : audit.records()) {
            if (r.path("category").asText().equals("network") && r.path("op").asText().equals("resolver")) {
                assertThat(r.path("target").asText()).isEqualTo(ResolverProviderJar.PROVIDER);
                out.add(r.path("decision").asText());
            }
        }
        return out;
    }
}
