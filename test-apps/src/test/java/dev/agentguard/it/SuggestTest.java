package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code guard.jar suggest} end to end: the sample tool-loop agent runs a harmless script in audit mode;
 * the policy suggested from its log lets the same script run in enforce mode with no denial at all, and
 * denies what the audited run never did (a key under {@code ~/.ssh}, a new host, a new command, new
 * arguments, a file next to the ones it wrote).
 */
class SuggestTest {
    private static final String AGENT = "dev.agentguard.apps.toolloop.ToolLoopAgent";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theSuggestedPolicyAllowsTheAuditedRunAndDeniesWhatItNeverDid(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work")).toRealPath();
        Files.createDirectories(work.resolve("out"));
        Path home = Files.createDirectories(dir.resolve("home")).toRealPath();
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n");

        Path harmless = script("harmless.json",
                step("list_dir", "path", "out"),
                step("write_file", "path", "out/a.txt", "content", "A"),
                step("write_file", "path", "out/b.txt", "content", "B"),
                step("read_file", "path", "out/a.txt"),
                step("read_file", "path", "out/b.txt"),
                "{\"tool\":\"run_command\",\"args\":{\"argv\":[\"echo\",\"hi\"]}}",
                step("get_env", "name", "HOME"));

        Path auditLog = dir.resolve("audit-run.jsonl");
        ChildJvm.Result audited = agent(jdk, work, home, "mode=audit,audit=" + auditLog).run(AGENT, harmless.toString());
        assertThat(audited.exitCode()).as(audited.toString()).isZero();
        assertThat(audited.stdout()).as(audited.toString()).contains("7 tool call(s) done, 0 denied");
        assertThat(AuditLogFile.read(auditLog).where("would_deny", "process")).as("the audited run did more than"
                + " the default grants, so the suggestion has something to add").isNotEmpty();

        SuggestedPolicy suggested = SuggestedPolicy.of(jdk, auditLog, dir.resolve("suggested.yaml"));
        Path policy = suggested.file();
        assertThat(suggested.text()).contains("[\"echo\", \"hi\"]").contains("\"${workdir}/out/a.txt\"")
                .doesNotContain("\"/**\"").doesNotContain("\"${home}/**\"").doesNotContain("\"**\"]");

        Path enforceLog = dir.resolve("audit-enforce.jsonl");
        ChildJvm.Result enforced = agent(jdk, work, home, "policy=" + policy + ",audit=" + enforceLog)
                .run(AGENT, harmless.toString());
        assertThat(enforced.stdout()).as(enforced + "\n--- policy\n" + suggested.text())
                .contains("7 tool call(s) done, 0 denied");
        List<JsonNode> denials = AuditLogFile.read(enforceLog).records().stream()
                .filter(r -> !r.path("decision").asText().equals("allow")).collect(Collectors.toList());
        assertThat(denials).as("denials under the suggested policy\n--- policy\n" + suggested.text()).isEmpty();

        // The attack comes through the same script file: the suggested policy grants reading just that file.
        Path attack = script("harmless.json",
                step("read_file", "path", "~/.ssh/id_rsa"),
                step("http_get", "url", "http://127.0.0.1:9/"),
                "{\"tool\":\"run_command\",\"args\":{\"argv\":[\"ls\",\"-la\"]}}",
                "{\"tool\":\"run_command\",\"args\":{\"argv\":[\"echo\",\"bye\"]}}",
                step("write_file", "path", "out/c.txt", "content", "C"),
                step("get_env", "name", "USER"));
        Path attackLog = dir.resolve("audit-attack.jsonl");
        ChildJvm.Result attacked = agent(jdk, work, home, "policy=" + policy + ",audit=" + attackLog)
                .env("USER", "someone").run(AGENT, attack.toString());
        assertThat(attacked.stdout()).as(attacked.toString())
                .contains("DENIED  read_file(\"~/.ssh/id_rsa\")")
                .contains("DENIED  http_get(")
                .contains("DENIED  run_command([\"ls\",\"-la\"])")
                .contains("DENIED  run_command([\"echo\",\"bye\"])")
                .contains("DENIED  write_file(")
                .contains("get_env(\"USER\") -> (not set)")
                .contains("1 tool call(s) done, 5 denied")
                .doesNotContain("not a real key");
        assertThat(work.resolve("out/c.txt")).doesNotExist();
        AuditLogFile log = AuditLogFile.read(attackLog);
        assertThat(log.has("deny", "file", home + "/.ssh/id_rsa")).as("ssh read denied").isTrue();
        assertThat(log.has("deny", "network", "127.0.0.1:9")).as("new host denied").isTrue();
        assertThat(log.has("deny", "process", "ls -la")).as("new command denied").isTrue();
        assertThat(log.has("deny", "process", "echo bye")).as("new arguments denied").isTrue();
        assertThat(log.has("deny", "env", "USER")).as("new variable hidden").isTrue();
    }

    /** The child: the sample agent's classes and Jackson, HOME and user.home in the temp dir, no other variable. */
    private static ChildJvm agent(int jdk, Path work, Path home, String agentArgs) {
        return ChildJvm.on(jdk).agent(agentArgs).workdir(work).cleanEnvironment()
                .env("PATH", System.getenv("PATH")).env("HOME", home.toString())
                .option("-Duser.home=" + home).classPath(ChildJvm.appClassPath());
    }

    private static String step(String tool, String... args) throws Exception {
        StringBuilder sb = new StringBuilder("{\"tool\":").append(JSON.writeValueAsString(tool)).append(",\"args\":{");
        for (int i = 0; i < args.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(JSON.writeValueAsString(args[i])).append(':')
                    .append(JSON.writeValueAsString(args[i + 1]));
        }
        return sb.append("}}").toString();
    }

    private Path script(String name, String... steps) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"task\":\"" + name + "\",\"steps\":["
                + Stream.of(steps).collect(Collectors.joining(",")) + "]}");
        return file;
    }
}
