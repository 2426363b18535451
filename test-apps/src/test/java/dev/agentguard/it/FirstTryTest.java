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
 * What a new user meets on the first run of a real application (issue 15): the guard's own files never show
 * as the denial, a start in the home directory or at / is refused with the fix, identical denials are one
 * record and a count, and the summary counts what shutdown hooks did.
 */
class FirstTryTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    /**
     * Logback's packaging data asks for the package of every frame's class, the guard's exception among them;
     * the JDK then reads the bridge's jar in the temp folder. Only the real denial may show.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void packagingDataOfTheGuardsExceptionIsNotADenial(int jdk) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path key = Files.createDirectories(home.resolve(".ssh")).resolve("id_rsa");
        Files.writeString(key, "not a key");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "audit: {console: denials}", "files:", "  read: [\"${workdir}/**\"]", "  deny: [\"${home}/.ssh/**\"]", ""));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).option("-Duser.home=" + home)
                .run("dev.agentguard.apps.firsttry.PackagingData", key.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString())
                .contains("package of dev.agentguard.bootstrap.GuardDeniedException: dev.agentguard.bootstrap")
                .contains("caught: agentguard: denied file open " + key + " (rule files.deny[0])")
                .as("the application cannot use what the guard opened to its bridge\n%s", r)
                .contains("internal access: refused IllegalAccessException");
        List<String> consoleDenials = r.stderr().lines().filter(l -> l.startsWith("agentguard: ")).toList();
        assertThat(consoleDenials).as("the console shows the real denial, and only it\n%s", r)
                .containsExactly("agentguard: denied file open " + key + " (rule files.deny[0]): " + key
                        + " matches files.deny[0] '${home}/.ssh/**'");
        AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
        assertThat(audit.where("deny", "file")).as(r.toString()).hasSize(1);
        assertThat(audit.has("deny", "file", "guard.jar")).as("the bridge package was defined at start").isFalse();
    }

    /**
     * With {@code audit: {console: denials}}, a denial that the library swallows (a lookup behind
     * HttpURLConnection, a process start) still shows on standard error, once each.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void swallowedDenialsShowOnTheConsole(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "audit: {console: denials}", "files:", "  read: [\"${workdir}/**\"]", ""));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.firsttry.SwallowedDenials", "model.example", "true");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains("http failed: UnknownHostException")
                .contains("start failed: ").doesNotContain("agentguard");
        assertThat(r.stderr()).as(r.toString())
                .containsOnlyOnce("agentguard: denied network resolve model.example (rule default-deny)")
                .containsOnlyOnce("agentguard: denied process exec true (rule default-deny)");
    }

    /** The default policy at ~ or / would grant every file of the user: the JVM does not start, and says why. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theDefaultPolicyRefusesToStartInTheHomeDirectoryOrAtTheRoot(int jdk) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        for (Path start : List.of(home, dir, Path.of("/"))) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent("audit=" + dir.resolve("audit.jsonl")).workdir(start)
                    .option("-Duser.home=" + home).classPath(ChildJvm.APPS.toString())
                    .run("dev.agentguard.apps.probe.Probe");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stdout()).as(r.toString()).doesNotContain("main ran");
            assertThat(r.stderr()).as(r.toString())
                    .contains("files.read[0] '${workdir}/**' would grant ")
                    .contains("because ${workdir} is " + start)
                    .contains("start the program in its own folder")
                    .contains("files.allow_broad_workdir: true")
                    .contains("agentguard: the JVM was not started (fail closed)");
        }
        // Its own folder under the home directory starts.
        Path project = Files.createDirectories(home.resolve("project"));
        ChildJvm.Result ok = ChildJvm.on(jdk).agent(null).workdir(project).option("-Duser.home=" + home)
                .classPath(ChildJvm.APPS.toString()).run("dev.agentguard.apps.probe.Probe");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
    }

    /**
     * 41 identical denials (40 in a loop, one from a shutdown hook that runs after the JVM began to exit)
     * are one record and a count in the summary, which is the last record and counts the hook's denial too.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void repeatsAreCountedAndTheSummaryComesLast(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path secret = Files.writeString(dir.resolve("outside.txt"), "x");
        Path audit = work.resolve("audit.jsonl");

        ChildJvm.Result r = ChildJvm.on(jdk).agent("audit=" + audit).workdir(work)
                .run("dev.agentguard.apps.firsttry.RepeatedDenials", secret.toString(), "40");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains("read 40 times").contains("shutdown hook: denied");
        List<JsonNode> records = AuditLogFile.read(audit).records();
        List<JsonNode> denials = records.stream().filter(x -> x.path("decision").asText().equals("deny")).toList();
        assertThat(denials).as("one record: the same denial from the same call site, whichever thread\n%s", r)
                .hasSize(1);
        assertThat(denials.get(0).path("target").asText()).isEqualTo(secret.toString());
        JsonNode summary = records.get(records.size() - 1);
        assertThat(summary.path("op").asText()).isEqualTo("summary");
        assertThat(summary.path("details").path("counts").path("file").path("deny").asLong())
                .as("every denial counted, the late shutdown hook's too\n%s", summary).isEqualTo(41);
        JsonNode repeated = summary.path("details").path("repeated");
        assertThat(repeated.size()).as(summary.toString()).isEqualTo(1);
        assertThat(repeated.get(0).path("seq").asLong()).isEqualTo(denials.get(0).path("seq").asLong());
        assertThat(repeated.get(0).path("more").asLong()).isEqualTo(40);
    }
}
