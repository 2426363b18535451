package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.probe.Probe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -javaagent:guard.jar=ARGS} (POLICY.md section 1) on JDK 17 and 25: a policy with errors, or an
 * agent argument the guard does not know, stops the JVM before {@code main} (the probe's marker never
 * appears) with a non-zero status and one {@code agentguard: FILE:LINE:COL: ...} line per problem; the
 * {@code policy=}, {@code mode=} and {@code audit=} pairs override the file.
 */
class AgentStartupTest {
    private static final String PROBE = Probe.class.getName();

    /** Grants the secret file nothing: under it, reading the file is a denial. */
    private static final String POLICY = String.join("\n",
            "version: 1",
            "mode: enforce",
            "audit:",
            "  file: ${workdir}/from-policy.jsonl",
            "  allowed: all",
            "files:",
            "  read: [\"${workdir}/public/**\"]",
            "");

    private static final String BROKEN_POLICY = String.join("\n",
            "version: 1",
            "files:",
            "  read: [\"relative/**\"]",
            "  deny: [\"${nosuch}/**\"]",
            "env:",
            "  raed: [PATH]",
            "");

    @TempDir
    Path temp;
    private Path work;

    static java.util.List<Integer> jdks() {
        return Jdks.required();
    }

    @BeforeEach
    void folders() throws Exception {
        work = Files.createDirectories(temp.toRealPath().resolve("work"));
        Files.createDirectories(work.resolve("public"));
        Files.writeString(work.resolve("public/hello.txt"), "hello\n");
        Files.writeString(work.resolve("secret.txt"), "the secret\n");
        Files.writeString(work.resolve("p.yaml"), POLICY, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("bad.yaml"), BROKEN_POLICY, StandardCharsets.UTF_8);
    }

    private ChildJvm.Result probe(int jdk, String agentArgs, String... args) throws Exception {
        return ChildJvm.on(jdk).agent(agentArgs).workdir(work).run(PROBE, args);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aBrokenPolicyStopsTheJvmBeforeMain(int jdk) throws Exception {
        ChildJvm.Result r = probe(jdk, "bad.yaml");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain(Probe.MARKER);
        assertThat(r.stderr().lines()).as(r.toString()).containsExactly(
                "agentguard: bad.yaml:3:10: relative path pattern 'relative/**': a pattern must be absolute"
                        + " (start with / or a ${variable}) or begin with **/",
                "agentguard: bad.yaml:4:10: undefined variable '${nosuch}' (defined: workdir, home, tmp, java.home,"
                        + " pid)",
                "agentguard: bad.yaml:6:3: unknown key 'raed' under 'env' (expected: read)",
                "agentguard: the JVM was not started (fail closed)");
        assertThat(work.resolve("agentguard-audit.jsonl")).as("no audit log without a policy").doesNotExist();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aMissingPolicyFileStopsTheJvmBeforeMain(int jdk) throws Exception {
        ChildJvm.Result r = probe(jdk, "nowhere.yaml");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain(Probe.MARKER);
        assertThat(r.stderr()).as(r.toString()).startsWith("agentguard: nowhere.yaml: cannot read the policy");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aValidPolicyLetsMainRunAndEnforces(int jdk) throws Exception {
        ChildJvm.Result allowed = probe(jdk, "p.yaml", "public/hello.txt");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.lines()).as(allowed.toString()).containsExactly(Probe.MARKER, "read: hello");

        ChildJvm.Result denied = probe(jdk, "p.yaml", "secret.txt");
        assertThat(denied.exitCode()).as(denied.toString()).isNotZero();
        assertThat(denied.lines()).as(denied.toString()).containsExactly(Probe.MARKER);
        assertThat(denied.stderr()).as(denied.toString()).contains("agentguard: denied").doesNotContain("the secret");
        AuditLogFile audit = AuditLogFile.read(work.resolve("from-policy.jsonl"));
        assertThat(audit.has("deny", "file", work.resolve("secret.txt").toString())).as(audit.records().toString())
                .isTrue();
    }

    /**
     * -Duser.dir=/abs/work launched from the folder above: the guard would take relative paths from work, the
     * kernel from the folder above, so a relative public/hello.txt names two files. Refused before main.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aUserDirThatIsNotTheWorkingDirectoryStopsTheJvmBeforeMain(int jdk) throws Exception {
        Files.createDirectories(temp.resolve("public"));
        Files.writeString(temp.resolve("public/hello.txt"), "outside the work dir\n");
        // (A relative -Duser.dir=work fails the JDK itself before the agent runs: its jar cannot be opened.)
        for (String userDir : new String[] {work.toString(), work + "/public/.."}) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(work.resolve("p.yaml").toString()).workdir(temp.toRealPath())
                    .option("-Duser.dir=" + userDir).run(PROBE, "public/hello.txt");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stdout()).as(r.toString()).doesNotContain(Probe.MARKER).doesNotContain("outside");
            assertThat(r.stderr().lines().toList()).as(r.toString()).hasSize(2);
            assertThat(r.stderr()).as(r.toString()).contains("is not", "user.dir (" + userDir + ")",
                    "start the JVM from that directory instead of setting -Duser.dir");
        }
        // The same directory by another name (a link to it) is the same directory: main runs.
        Path alias = java.nio.file.Files.createSymbolicLink(temp.resolve("alias"), work);
        ChildJvm.Result same = ChildJvm.on(jdk).agent("p.yaml").workdir(work).option("-Duser.dir=" + alias)
                .run(PROBE, "public/hello.txt");
        assertThat(same.stdout()).as(same.toString()).contains(Probe.MARKER);
        assertThat(same.stderr()).as(same.toString()).doesNotContain("not started");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void modeAndAuditPairsOverrideThePolicyFile(int jdk) throws Exception {
        ChildJvm.Result r = probe(jdk, "policy=p.yaml,mode=audit,audit=x.jsonl", "secret.txt");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.lines()).as(r.toString()).containsExactly(Probe.MARKER, "read: the secret");

        Path x = work.resolve("x.jsonl");
        AuditLogFile audit = AuditLogFile.read(x);
        assertThat(audit.has("would_deny", "file", work.resolve("secret.txt").toString()))
                .as("a would_deny record in " + x + ": " + audit.records()).isTrue();
        assertThat(audit.where("deny", "file")).as("audit mode denies nothing").isEmpty();
        assertThat(audit.records().get(0).path("category").asText()).isEqualTo("guard");
        assertThat(audit.records().get(0).path("mode").asText()).isEqualTo("audit");
        assertThat(work.resolve("from-policy.jsonl")).as("audit= moves the log away from the file's").doesNotExist();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anUnknownAgentArgumentRefusesToStart(int jdk) throws Exception {
        ChildJvm.Result r = probe(jdk, "foo=bar");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain(Probe.MARKER);
        assertThat(r.stderr()).as(r.toString()).contains("agentguard: ").contains("unknown agent argument 'foo'")
                .contains("the JVM was not started");

        ChildJvm.Result badMode = probe(jdk, "policy=p.yaml,mode=lenient");
        assertThat(badMode.exitCode()).as(badMode.toString()).isNotZero();
        assertThat(badMode.stdout()).as(badMode.toString()).doesNotContain(Probe.MARKER);
        assertThat(badMode.stderr()).as(badMode.toString()).contains("unknown mode 'lenient'");
    }
}
