package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code process.shell: decompose} in a real JVM: {@code sh -c SCRIPT} starts run when every part of the
 * script is granted, and start nothing otherwise, checked from outside (markers, canaries, the audit log).
 */
class ShellScriptTest {
    private static final String APP = "dev.agentguard.apps.shell.ShellStart";
    private static final String CANARY = "CANARY-shell-script-7f3a";

    @TempDir
    Path dir;

    /** Grants git status, git diff and touch under out/, reads under dir, hands PATH and HOME to children. */
    private Path policy(String mode, String... extraExec) throws IOException {
        StringBuilder exec = new StringBuilder();
        for (String e : extraExec) {
            exec.append("    - ").append(e).append('\n');
        }
        return Files.writeString(dir.resolve("p.yaml"), String.join("\n",
                "version: 1",
                "mode: " + mode,
                "audit: {file: " + dir.resolve("audit.jsonl") + ", allowed: all}",
                "files: {read: [\"" + dir + "/**\"], write: [\"" + dir + "/out/**\"], deny: [\"" + dir + "/home/.ssh/**\"]}",
                "env: {read: [PATH, HOME]}",
                "process:",
                "  shell: decompose",
                "  exec:",
                "    - [\"git\", \"status\"]",
                "    - [\"git\", \"diff\"]",
                "    - [\"touch\", \"" + dir + "/out/*\"]",
                exec.toString(),
                "  env: {pass: [SHELL_TEST_VALUE]}",
                ""));
    }

    private ChildJvm.Result run(int jdk, Path policy, String... args) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), CANARY + "\n");
        Files.createDirectories(dir.resolve("out"));
        return ChildJvm.on(jdk).agent(policy.toString()).workdir(dir).env("HOME", home.toString()).run(APP, args);
    }

    private Path gitRepo() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Process p = new ProcessBuilder("git", "init", "-q", repo.toString()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return repo;
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void gitStatusAndGitDiffRunUnderAPolicyGrantingOnlyThoseTwo(int jdk) throws Exception {
        Path repo = gitRepo();
        ChildJvm.Result r = run(jdk, policy("enforce"), "--dir", repo.toString(), "sh", "git status && git diff");
        assertThat(r.stdout()).as(r.toString()).contains("STARTED").contains("EXIT 0");
        assertThat(r.stdout()).as(r.toString()).containsAnyOf("No commits yet", "Initial commit", "On branch");
        JsonNode record = AuditLogFile.read(dir.resolve("audit.jsonl")).records().stream()
                .filter(n -> n.path("target").asText().equals("sh -c git status && git diff")).findFirst().orElseThrow();
        assertThat(record.path("decision").asText()).isEqualTo("allow");
        assertThat(record.path("rule").asText()).isEqualTo("process.shell");
        JsonNode parts = record.path("details").path("parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("part").asText()).isEqualTo("git status");
        assertThat(parts.get(0).path("rule").asText()).isEqualTo("process.exec[0]");
        assertThat(parts.get(1).path("part").asText()).isEqualTo("git diff");
        assertThat(parts.get(1).path("at").asInt()).isEqualTo(15);
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aScriptThatAlsoReadsTheSshKeyStartsNothing(int jdk) throws Exception {
        Path repo = gitRepo();
        ChildJvm.Result r = run(jdk, policy("enforce"), "--dir", repo.toString(), "sh",
                "git status; cat ~/.ssh/id_rsa");
        assertThat(r.stdout()).as(r.toString()).contains("DENIED agentguard: denied process exec sh -c git status;")
                .contains("'cat ~/.ssh/id_rsa' at character 13 is not granted").doesNotContain("STARTED")
                .doesNotContain(CANARY);
        // The same shape with a marker in place of git status: nothing of the script ran.
        Path marker = dir.resolve("out/marker");
        ChildJvm.Result r2 = run(jdk, policy("enforce"), "sh", "touch " + marker + "; cat ~/.ssh/id_rsa");
        assertThat(r2.stdout()).as(r2.toString()).contains("DENIED").doesNotContain(CANARY);
        assertThat(marker).doesNotExist();
        JsonNode denial = AuditLogFile.read(dir.resolve("audit.jsonl")).where("deny", "process").get(0);
        assertThat(denial.path("details").path("parts").get(1).path("decision").asText()).isEqualTo("deny");
        assertThat(denial.path("details").path("parts").get(1).path("rule").asText()).isEqualTo("default-deny");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aCommandSubstitutionStartsNothing(int jdk) throws Exception {
        Path marker = dir.resolve("out/marker");
        ChildJvm.Result r = run(jdk, policy("enforce"), "sh",
                "touch " + marker + " && git status $(curl -s http://127.0.0.1:9/x)");
        assertThat(r.stdout()).as(r.toString()).contains("DENIED")
                .contains("command substitution $(…) at character").contains("rule process.shell");
        assertThat(marker).doesNotExist();
    }

    /** Maven surefire forks its test JVM as {@code /bin/sh -c "cd '<dir>' && '<java>' '-jar' '<booter>.jar' …"}. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aSurefireStyleForkRunsUnderALineWithNoStarInTheScript(int jdk) throws Exception {
        Path booterDir = Files.createDirectories(dir.resolve("target/surefire"));
        Path booter = booterJar(booterDir.resolve("surefirebooter-20261207000000_3.jar"));
        String java = Jdks.java(jdk).toString();
        // guard: false: started by the shell, the forked JVM cannot be given the guard, so a rule that asks
        // for it is refused inside a script (the corpus shows that refusal).
        Path policy = policy("enforce", "{argv: [\"" + java + "\", \"-jar\", \"" + booterDir
                + "/surefirebooter-*.jar\", \"**\"], guard: false}");
        String script = "cd '" + dir + "' && '" + java + "' '-jar' '" + booter + "' '" + booterDir + "'"
                + " '2026-12-07T00-00-00_000-jvmRun1' 'surefire-1tmp' 'surefire_0-2tmp'";
        ChildJvm.Result r = run(jdk, policy, "/bin/sh", script);
        assertThat(r.stdout()).as(r.toString()).contains("STARTED").contains("OUT: forked booter ran with 4 arguments")
                .contains("EXIT 0");
        // Another program in the same shape is not granted by that line.
        ChildJvm.Result r2 = run(jdk, policy, "/bin/sh", "cd '" + dir + "' && '" + java + "' '-jar' '" + booter
                + "' && curl -s http://127.0.0.1:9/");
        assertThat(r2.stdout()).as(r2.toString()).contains("DENIED").doesNotContain("booter ran");
    }

    /** A start with the application's own environment runs with the copy that was decided, variables and all. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aStartWithItsOwnEnvironmentGetsTheDecidedCopy(int jdk) throws Exception {
        Path policy = policy("enforce", "[\"printenv\", \"SHELL_TEST_VALUE\"]");
        ChildJvm.Result r = run(jdk, policy, "--env", "SHELL_TEST_VALUE=from-the-builder", "sh",
                "printenv SHELL_TEST_VALUE && echo done");
        assertThat(r.stdout()).as(r.toString()).contains("STARTED").contains("OUT: from-the-builder")
                .contains("OUT: done").contains("EXIT 0");
    }

    /**
     * A PATH the application sets for the shell, with a git planted first on it: refused before the script is
     * decided (PATH is an interpreter variable, and no exec rule grants a decomposed start to name it).
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aProgramPlantedOnTheChildsPathIsNotTheGrantedOne(int jdk) throws Exception {
        Path marker = dir.resolve("out/planted");
        Path evil = Files.createDirectories(dir.resolve("out/evil"));
        script(evil.resolve("git"), "touch " + marker);
        ChildJvm.Result r = run(jdk, policy("enforce"), "--env", "PATH=" + evil + ":/usr/bin:/bin", "sh", "git status");
        assertThat(r.stdout()).as(r.toString()).contains("DENIED").contains("denied process env PATH for sh -c git status");
        assertThat(marker).doesNotExist();
    }

    /**
     * bash imports functions from {@code BASH_FUNC_NAME%%} variables, and a function named {@code git} runs
     * in place of the granted program: the application cannot hand one to a child (an interpreter variable).
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void anExportedBashFunctionInTheChildsEnvironmentDenies(int jdk) throws Exception {
        Path marker = dir.resolve("out/function-ran");
        ChildJvm.Result r = run(jdk, policy("enforce"), "--env", "BASH_FUNC_git%%=() { touch " + marker + "; }",
                "bash", "git status");
        assertThat(r.stdout()).as(r.toString()).contains("DENIED").contains("denied process env BASH_FUNC_git%%");
        assertThat(marker).doesNotExist();
    }

    /** In audit mode a script that would be denied runs, and its record says would_deny with every part. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void auditModeRecordsWhatWouldBeDeniedPartByPart(int jdk) throws Exception {
        Path marker = dir.resolve("out/audit-marker");
        ChildJvm.Result r = run(jdk, policy("audit"), "sh", "touch " + marker + "; cat ~/.ssh/id_rsa");
        assertThat(r.stdout()).as(r.toString()).contains("STARTED").contains("EXIT 0");
        assertThat(marker).exists();
        JsonNode record = AuditLogFile.read(dir.resolve("audit.jsonl")).where("would_deny", "process").get(0);
        List<String> decisions = record.path("details").path("parts").findValuesAsText("decision");
        assertThat(decisions).containsExactly("allow", "deny");
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A jar whose manifest runs {@code ForkedBooter} from the test-apps classes. */
    private static Path booterJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.agentguard.apps.shell.ForkedBooter");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, ChildJvm.APPS.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }
}
