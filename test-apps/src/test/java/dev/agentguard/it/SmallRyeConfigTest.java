package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real configuration library from Maven Central, SmallRye Config (Quarkus' configuration) with its
 * dotenv source, which probes {@code ${workdir}/.env} at every start: Files.isDirectory, isRegularFile and
 * checkAccess on JDK 17, readAttributesIfExists on 25. {@code **}{@code /.env} is in the default policy's secret
 * set, so each probe is denied; the application must start anyway, under the default policy and under
 * the policy that {@code suggest} writes from an audited run, unedited, and must not see a .env that is
 * there.
 */
class SmallRyeConfigTest {
    private static final String APP = "dev.agentguard.apps.config.SmallRyeConfigApp";

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void startsUnderTheDefaultPolicy_withAndWithoutADotEnv(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work")).toRealPath();
        Files.createDirectories(dir.resolve("home"));
        ChildJvm.Result fresh = app(jdk, work, null).run(APP);
        assertStarted(fresh);
        assertProbesAnsweredAbsent(work, "deny");

        // A .env that is there reads as absent too: the secret in it never reaches the configuration.
        Files.writeString(work.resolve(".env"), "APP_SECRET=canary-" + System.nanoTime() + "\n");
        Files.delete(work.resolve("agentguard-audit.jsonl"));
        ChildJvm.Result withSecret = app(jdk, work, null).run(APP);
        assertStarted(withSecret);
        assertThat(withSecret.stdout()).contains("CONFIG app.secret not set").doesNotContain("canary-");
        assertProbesAnsweredAbsent(work, "deny");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void startsUnderItsUneditedSuggestedPolicy(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work")).toRealPath();
        Files.createDirectories(dir.resolve("home"));
        Path auditLog = dir.resolve("audit-run.jsonl");
        ChildJvm.Result audited = app(jdk, work, "mode=audit,audit=" + auditLog).run(APP);
        assertStarted(audited);

        SuggestedPolicy suggested = SuggestedPolicy.of(jdk, auditLog, dir.resolve("suggested.yaml"));
        assertThat(suggested.text()).as("the secret set stays denied").contains("\"**/.env\"");

        Path enforceLog = dir.resolve("audit-enforce.jsonl");
        Files.delete(work.resolve("out/greeting.txt"));
        ChildJvm.Result enforced = app(jdk, work, "policy=" + suggested.file() + ",audit=" + enforceLog).run(APP);
        assertStarted(enforced);
        List<JsonNode> denials = AuditLogFile.read(enforceLog).records().stream()
                .filter(r -> !r.path("decision").asText().equals("allow"))
                .filter(r -> !r.path("details").path("answered").asText().equals("absent"))
                .toList();
        assertThat(denials).as("denials other than the .env probes, under the suggested policy\n--- policy\n"
                + suggested.text()).isEmpty();
        assertThat(AuditLogFile.read(enforceLog).has("deny", "file", work + "/.env")).isTrue();
    }

    /** The app in {@code work}, with HOME and user.home beside it and no variable but PATH and HOME. */
    private static ChildJvm app(int jdk, Path work, String agentArgs) {
        Path home = work.resolveSibling("home");
        return ChildJvm.on(jdk).agent(agentArgs).workdir(work).cleanEnvironment()
                .env("PATH", System.getenv("PATH")).env("HOME", home.toString())
                .option("-Duser.home=" + home).classPath(ChildJvm.appClassPath());
    }

    private static void assertStarted(ChildJvm.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains("CONFIG app.greeting=hello").contains("STARTED");
    }

    /** Every record of the .env probes: denied by the secret set, answered as absent. */
    private static void assertProbesAnsweredAbsent(Path work, String decision) throws Exception {
        List<JsonNode> probes = AuditLogFile.read(work.resolve("agentguard-audit.jsonl")).records().stream()
                .filter(r -> r.path("target").asText().equals(work + "/.env")).toList();
        assertThat(probes).as("the dotenv source probed " + work + "/.env").isNotEmpty();
        assertThat(probes).allSatisfy(r -> {
            assertThat(r.path("decision").asText()).isEqualTo(decision);
            assertThat(r.path("rule").asText()).startsWith("files.deny[");
            assertThat(r.path("details").path("answered").asText()).isEqualTo("absent");
        });
    }
}
