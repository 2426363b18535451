package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's run command: the sample tool-loop agent under {@code -javaagent:guard.jar} alone (the
 * embedded default policy), from test-apps' classes and libraries (the same code as sample-agent.jar). Its harmless steps work; its prompt-injected read of ~/.ssh/id_rsa is denied
 * and the key never appears in its output.
 */
class DefaultPolicyTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theDefaultPolicyBlocksTheSshKeyAndLetsTheTaskRun(int jdk) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        String canary = "-----BEGIN OPENSSH PRIVATE KEY----- canary-" + System.nanoTime();
        Files.writeString(ssh.resolve("id_rsa"), canary);
        Path work = Files.createDirectories(dir.resolve("work"));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(null).workdir(work)
                .option("-Duser.home=" + home).env("HOME", home.toString())
                .env("OPENAI_API_KEY", "sk-canary0000000000000000000000")
                .classPath(ChildJvm.appClassPath())
                .run("dev.agentguard.apps.toolloop.ToolLoopAgent");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString())
                .contains("ALLOWED write_file")
                .contains("ALLOWED read_file(\"summary.txt\")")
                .containsPattern("DENIED +read_file\\(\"~/.ssh/id_rsa\"\\) -> agentguard: denied file")
                .contains("files.deny[0]")
                .containsPattern("DENIED +run_command")
                .containsPattern("DENIED +write_file\\(.*agentguard-demo-outside");
        assertThat(r.stdout()).doesNotContain("canary-").doesNotContain("sk-canary");
        assertThat(Files.readString(work.resolve("summary.txt"))).contains("Notes summarised");
        AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
        assertThat(audit.has("deny", "file", ".ssh/id_rsa")).isTrue();
        assertThat(Files.readString(work.resolve("agentguard-audit.jsonl"))).doesNotContain("canary-");
    }

    /**
     * The README's first steps: the sample agent's harmless task audited under the default policy, suggest,
     * check, the task enforced under the suggestion with no denial, then the prompt-injected demo enforced:
     * only its injected steps are denied, and the key never shows.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theReadmesAuditSuggestEnforcePath(int jdk) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        String canary = "canary-" + System.nanoTime();
        Files.writeString(ssh.resolve("id_rsa"), canary);
        Path work = Files.createDirectories(dir.resolve("demo"));
        String agent = "dev.agentguard.apps.toolloop.ToolLoopAgent";

        ChildJvm.Result audit = sample(jdk, work, home, "mode=audit").run(agent, "task");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        ChildJvm.Result suggest = ChildJvm.on(jdk).workdir(work).option("-Duser.home=" + home)
                .guardCli("suggest", "agentguard-audit.jsonl");
        assertThat(suggest.exitCode()).as(suggest.toString()).isZero();
        Files.writeString(work.resolve("policy.yaml"), suggest.stdout());
        ChildJvm.Result check = ChildJvm.on(jdk).workdir(work).option("-Duser.home=" + home)
                .guardCli("check", "policy.yaml");
        assertThat(check.exitCode()).as(check + "\n" + suggest.stdout()).isZero();

        Path log = work.resolve("agentguard-audit.jsonl");
        long before = AuditLogFile.read(log).records().size();
        ChildJvm.Result task = sample(jdk, work, home, "policy.yaml").run(agent, "task");
        assertThat(task.stdout()).as(task.toString()).contains("summary: 3 tool call(s) done, 0 denied");
        assertThat(AuditLogFile.read(log).records().subList((int) before, AuditLogFile.read(log).records().size()))
                .as("the enforced task: no denial\n%s", suggest.stdout())
                .noneMatch(r -> r.path("decision").asText().equals("deny")
                        && !r.path("op").asText().equals("read-all"));

        ChildJvm.Result demo = sample(jdk, work, home, "policy.yaml").run(agent, "demo");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).as(demo.toString())
                .contains("ALLOWED write_file").contains("ALLOWED read_file(\"summary.txt\")")
                .containsPattern("DENIED +read_file\\(\"~/.ssh/id_rsa\"\\) -> agentguard: denied file")
                .containsPattern("DENIED +run_command")
                .containsPattern("DENIED +write_file\\(.*agentguard-demo-outside")
                .doesNotContain(canary);
    }

    private static ChildJvm sample(int jdk, Path work, Path home, String agentArgs) {
        return ChildJvm.on(jdk).agent(agentArgs).workdir(work).option("-Duser.home=" + home)
                .env("HOME", home.toString()).classPath(ChildJvm.appClassPath());
    }
}
