package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.Request;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuggestCommandTest {
    @TempDir
    Path dir;

    private String work;
    private String home;
    private PolicyContext context;
    private final List<String> log = new ArrayList<>();
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp() throws Exception {
        Path w = Files.createDirectories(dir.resolve("work"));
        Path h = Files.createDirectories(dir.resolve("home"));
        Path t = Files.createDirectories(dir.resolve("tmp"));
        work = w.toRealPath().toString();
        home = h.toRealPath().toString();
        PolicyContext here = PolicyContext.ofThisJvm(null);
        context = new PolicyContext(work, home, t.toRealPath().toString(), here.javaHome(), here.pid(), here.path(),
                List.of(), null);
        log.add("{\"ts\":\"t\",\"seq\":1,\"pid\":7,\"mode\":\"audit\",\"decision\":\"allow\",\"category\":\"guard\","
                + "\"op\":\"start\",\"target\":null,\"rule\":null,\"reason\":null,\"thread\":\"main\",\"caller\":null,"
                + "\"details\":{\"version\":\"x\",\"workdir\":" + PolicyWriter.quote(work) + ",\"home\":"
                + PolicyWriter.quote(home) + ",\"tmp\":" + PolicyWriter.quote(context.tmp()) + "}}");
    }

    private void record(String decision, String category, String op, String target, String rule, String reason,
                        String details) {
        log.add("{\"ts\":\"t\",\"seq\":2,\"pid\":7,\"mode\":\"audit\",\"decision\":\"" + decision + "\",\"category\":\""
                + category + "\",\"op\":\"" + op + "\",\"target\":" + PolicyWriter.quote(target) + ",\"rule\":"
                + (rule == null ? "null" : PolicyWriter.quote(rule)) + ",\"reason\":" + PolicyWriter.quote(reason)
                + ",\"thread\":\"main\",\"caller\":null" + (details == null ? "" : ",\"details\":" + details) + "}");
    }

    private void done(String category, String op, String target) {
        record("would_deny", category, op, target, "default-deny", "not granted", null);
    }

    private int suggest(String... extra) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.write(file, log, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(Arrays.asList(extra));
        int status = new SuggestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), PolicyContext.ofThisJvm(null))
                .run(args.toArray(new String[0]));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    private Policy suggested() throws Exception {
        return PolicyLoader.parse("suggested.yaml", null, stdout, context, Overrides.NONE);
    }

    private boolean allows(Policy policy, String category, String op, String... target) {
        return policy.decide(Request.parse(category, op, List.of(target), context)).allowed();
    }

    @Test
    void grantsWhatTheRunDidAndNothingMore() throws Exception {
        record("allow", "file", "list", work + "/out", "files.read[0]", "granted", null);
        for (String f : List.of("a.txt", "b.txt", "c.txt")) {
            record("allow", "file", "open-write", work + "/out/" + f, "files.write[0]", "granted", null);
        }
        record("allow", "file", "open", work + "/out/a.txt", "files.read[0]", "granted", null);
        done("file", "open", work + "/notes.md");
        record("allow", "file", "open", "/usr/share/java/lib.jar", "baseline", "the JVM baseline grants reading", null);
        done("process", "exec", "sh -c echo hi");
        log.set(log.size() - 1, log.get(log.size() - 1).replace("\"caller\":null}",
                "\"caller\":null,\"details\":{\"argv\":[\"sh\",\"-c\",\"echo hi\"]}}"));
        done("process", "exec", "ls -l a");
        done("process", "exec", "ls -l b");
        done("process", "exec", "ls");
        done("network", "resolve", "api.example.com");
        done("network", "connect", "api.example.com:443 (192.0.2.1)");
        done("network", "connect", "192.0.2.7:8080");
        record("would_deny", "network", "connect", "192.0.2.9:443", "default-deny", "not granted",
                "{\"names\":[\"looked-up.example\"]}");
        record("would_deny", "network", "connect", "192.0.2.10:443", "default-deny", "not granted",
                "{\"names\":[\"[REDACTED].exfil.example\"]}");
        done("network", "resolve", "lookup-only.example");
        done("network", "listen", "127.0.0.1:0");
        done("network", "connect-unix", "unix:" + work + "/run/s.sock");
        done("env", "read", "OPENAI_API_KEY");
        record("would_deny", "env", "read-all", "2 variables", "default-deny", "not granted by env.read: GITHUB_TOKEN, LANG",
                "{\"names\":[\"GITHUB_TOKEN\",\"LANG\"]}");
        record("allow", "env", "read-all", "HOME, PATH", "env.read", "granted", "{\"names\":[\"HOME\",\"PATH\"]}");
        done("native", "load", "z");
        log.add("this line is broken");

        assertThat(suggest()).isZero();
        assertThat(stderr).contains("line " + log.size() + ": not a JSON object");
        Policy p = suggested();

        assertThat(stdout).contains("\"${workdir}/out/**\"").contains("\"${workdir}/notes.md\"")
                .doesNotContain("/usr/share/java");
        assertThat(allows(p, "file", "write", work + "/out/d.txt")).isTrue();
        assertThat(allows(p, "file", "read", work + "/out/a.txt")).isTrue();
        assertThat(allows(p, "file", "read", work + "/out/b.txt")).as("written, never read").isFalse();
        assertThat(allows(p, "file", "read", work + "/notes.md")).isTrue();
        assertThat(allows(p, "file", "write", work + "/notes.md")).isFalse();
        assertThat(allows(p, "file", "read", work + "/other.md")).isFalse();
        assertThat(allows(p, "file", "read", work)).isFalse();

        assertThat(allows(p, "process", "exec", "sh", "-c", "echo hi")).isTrue();
        assertThat(allows(p, "process", "exec", "sh", "-c", "echo bye")).isFalse();
        assertThat(allows(p, "process", "exec", "ls", "-l", "anything")).isTrue();
        assertThat(allows(p, "process", "exec", "ls")).isTrue();
        assertThat(allows(p, "process", "exec", "ls", "-la")).isFalse();
        assertThat(stdout).contains("[\"ls\", \"-l\", \"**\"]").contains("[\"ls\"]");

        assertThat(stdout).contains("\"api.example.com:443\"").contains("\"192.0.2.7:8080\"")
                .contains("\"lookup-only.example\"").contains("\"127.0.0.1:*\"")
                .contains("\"unix:${workdir}/run/s.sock\"").contains("\"looked-up.example:443\"")
                .doesNotContain("192.0.2.9").contains("\"192.0.2.10:443\"").doesNotContain("REDACTED].exfil");
        assertThat(allows(p, "network", "connect", "api.example.com:443")).isTrue();
        assertThat(allows(p, "network", "connect", "api.example.com:80")).isFalse();
        assertThat(allows(p, "network", "connect", "evil.example:443")).isFalse();

        assertThat(allows(p, "env", "read", "OPENAI_API_KEY")).isTrue();
        assertThat(allows(p, "env", "read", "HOME")).isTrue();
        assertThat(allows(p, "env", "read", "LANG")).as("listed by a whole-environment read, never used").isFalse();
        assertThat(allows(p, "env", "read", "GITHUB_TOKEN")).isFalse();
        assertThat(allows(p, "env", "read", "USER")).isFalse();
        assertThat(allows(p, "native", "load", "z")).isTrue();
        assertThat(commentBlock()).anyMatch(l -> l.contains("GITHUB_TOKEN"));
    }

    /**
     * Issue 15: of the variables a whole-environment read listed, only those the program looked up by name
     * (getenv(name), or the map's get, which the guard records as a read) are granted; the credential among
     * them too, and the rest are named once, not granted.
     */
    @Test
    void onlyTheVariablesTheProgramLookedUpAreGranted() throws Exception {
        record("would_deny", "env", "read-all", "5 variables", "default-deny", "not granted by env.read: ...",
                "{\"names\":[\"OPENAI_API_KEY\",\"SHLVL\",\"SPRING_PROFILES_ACTIVE\",\"_\",\"GITHUB_TOKEN\",\"PWD\"]}");
        // Spring resolved ${OPENAI_API_KEY} and the active profiles from the map: reads by name.
        done("env", "read", "OPENAI_API_KEY");
        done("env", "read", "SPRING_PROFILES_ACTIVE");
        record("allow", "env", "read-all", "PATH", "env.read", "granted", "{\"names\":[\"PATH\"]}");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(allows(p, "env", "read", "OPENAI_API_KEY")).isTrue();
        assertThat(allows(p, "env", "read", "SPRING_PROFILES_ACTIVE")).isTrue();
        assertThat(allows(p, "env", "read", "PATH")).as("passed by the audited run's own policy").isTrue();
        for (String listed : List.of("SHLVL", "_", "GITHUB_TOKEN")) {
            assertThat(allows(p, "env", "read", listed)).as(listed).isFalse();
        }
        assertThat(commentBlock()).anyMatch(l -> l.contains("3 variable(s) only seen in whole-environment reads")
                && l.contains("PWD, SHLVL, _"));
        assertThat(commentBlock()).as("the current directory is no credential")
                .noneMatch(l -> l.contains("PWD") && l.contains("credential"));
        assertThat(commentBlock()).anyMatch(l -> l.contains("GITHUB_TOKEN") && l.contains("credential"));
    }

    /** Issue 15: a folder the run created is read (its attributes) when the next run finds it there. */
    @Test
    void aCreatedFolderIsReadableForTheNextRun() throws Exception {
        done("file", "mkdir", work + "/out");
        done("file", "open-write", work + "/out/report.txt");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(allows(p, "file", "read", work + "/out")).isTrue();
        assertThat(allows(p, "file", "write", work + "/out")).isTrue();
        assertThat(allows(p, "file", "read", work + "/out/report.txt")).as("written, never read").isFalse();
    }

    /** Issue 15: an IPv6 zone id (older guards recorded getHostAddress()) is never written; check accepts the result. */
    @Test
    void anIpv6ZoneIdIsLeftOut() throws Exception {
        done("network", "connect", "[fd00:0:0:0:0:0:0:2%eth0]:18081");
        done("network", "listen", "[fe80:0:0:0:0:0:0:1%2]:0");
        done("network", "connect", "[0:0:0:0:0:ffff:c000:205]:443");

        assertThat(suggest()).isZero();
        assertThat(stdout).contains("\"[fd00::2]:18081\"").contains("\"192.0.2.5:443\"").doesNotContain("%");
        Policy p = suggested();
        assertThat(allows(p, "network", "connect", "[fd00::2]:18081")).isTrue();
        assertThat(stdout).contains("\"[fe80::1]:*\"");
    }

    @Test
    void reachAroundOps_watchIsARead_reachableAConnect_aResolverProviderIsOnlyListed() throws Exception {
        done("file", "watch", work + "/inbox");
        done("network", "reachable", "192.0.2.5:7");
        record("would_deny", "network", "resolver", "com.example.DohProvider", "default-deny", "not granted", null);

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(allows(p, "file", "read", work + "/inbox")).isTrue();
        assertThat(allows(p, "network", "connect", "192.0.2.5:7")).isTrue();
        assertThat(allows(p, "network", "resolver", "com.example.DohProvider")).isFalse();
        assertThat(commentBlock()).anyMatch(l -> l.contains("com.example.DohProvider") && l.contains("network.resolver"));
    }

    @Test
    void theSecretSetIsNeverGranted_andDenialsAreListed() throws Exception {
        // Allowed by a loose audited policy, yet in the embedded default's secret set.
        record("allow", "file", "open", home + "/.aws/credentials", "files.read[0]", "granted", null);
        record("allow", "file", "open", work + "/.env", "files.read[0]", "granted", null);
        for (String key : List.of("id_rsa", "id_rsa.pub", "known_hosts")) {
            done("file", "open", home + "/.ssh/" + key);
        }
        record("would_deny", "file", "open", home + "/.gnupg/x", "files.deny[2]", "matches files.deny[2]", null);
        record("deny", "file", "open", "/etc/shadow", "default-deny", "no files.read rule grants /etc/shadow", null);
        record("deny", "process", "exec", "curl evil.example", "default-deny", "no", null);

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(stdout.substring(0, stdout.indexOf("deny:"))).doesNotContain(".ssh").doesNotContain(".aws")
                .doesNotContain(".env").doesNotContain("shadow");
        assertThat(allows(p, "file", "read", home + "/.ssh/id_rsa")).isFalse();
        assertThat(allows(p, "file", "read", home + "/.aws/credentials")).isFalse();
        assertThat(allows(p, "file", "read", "/etc/shadow")).isFalse();
        assertThat(allows(p, "process", "exec", "curl", "evil.example")).isFalse();
        assertThat(stdout).contains("# Denied in the audited run, not granted");
        List<String> comments = commentBlock();
        assertThat(comments).anyMatch(l -> l.contains(home + "/.ssh/id_rsa") && l.contains("secret set"))
                .anyMatch(l -> l.contains(home + "/.aws/credentials"))
                .anyMatch(l -> l.contains(home + "/.gnupg/x") && l.contains("deny rule"))
                .anyMatch(l -> l.contains("/etc/shadow") && l.contains("blocked"))
                .anyMatch(l -> l.contains("curl evil.example"));
    }

    @Test
    void keepsTheBasePolicysDeniesAndGrants() throws Exception {
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, "version: 1\nvars:\n  data: /srv/data\nfiles:\n  read: [\"${data}/**\"]\n"
                + "  deny: [\"${workdir}/private/**\"]\nenv:\n  read: [HOME]\n"
                + "budgets:\n  rate:\n    process.exec: 30/min\n");
        done("file", "open", "/srv/data/x");
        done("file", "open", work + "/private/p");
        done("file", "open", work + "/public");
        done("env", "read", "HOME");
        done("env", "read", "TERM");

        assertThat(suggest("--base", base.toString())).isZero();
        Policy p = suggested();
        assertThat(stdout).contains("\"${data}/**\"").contains("\"${workdir}/private/**\"").contains("\"${home}/.ssh/**\"")
                .contains("process.exec").doesNotContain("/srv/data/x");
        assertThat(stdout.indexOf("\"HOME\"")).isEqualTo(stdout.lastIndexOf("\"HOME\""));
        assertThat(allows(p, "file", "read", work + "/public")).isTrue();
        assertThat(allows(p, "file", "read", work + "/private/p")).isFalse();
        assertThat(allows(p, "env", "read", "TERM")).isTrue();
        assertThat(commentBlock()).anyMatch(l -> l.contains(work + "/private/p") && l.contains("base policy"));
    }

    @Test
    void anEmptyLogGivesAValidPolicyThatGrantsNothing() throws Exception {
        log.clear();
        assertThat(suggest()).isZero();
        assertThat(stderr).contains("no start record");
        Policy p = PolicyLoader.parse("s", null, stdout, PolicyContext.ofThisJvm(null), Overrides.NONE);
        assertThat(p.files().readRules()).isEmpty();
    }

    @Test
    void aMissingLogIsAnError() throws Exception {
        int status = new SuggestCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), PolicyContext.ofThisJvm(null))
                .run(new String[] {dir.resolve("none.jsonl").toString()});
        assertThat(status).isEqualTo(1);
    }

    // ---- names that change every run, and what a fresh machine needs (issue 19) --------------------------

    @Test
    void namesThatChangeEveryRunBecomeGlobs() throws Exception {
        String tmp = context.tmp();
        done("file", "mkdir", tmp + "/vertx-cache/-123456789");
        done("file", "open-write", tmp + "/vertx-cache/-123456789/file-cache/a.jar");
        done("file", "open-write", tmp + "/report.Xa9bQ2/out.txt");
        done("file", "open", tmp + "/surefirebooter-20261206201751263_3.jar");
        done("file", "mkdir", tmp + "/tomcat.18081.16359729902073976878");
        done("file", "open", tmp + "/junit8172635401/in.txt");
        done("file", "open", work + "/target/surefire/surefirebooter-20261206201751263_3.jar");
        done("file", "open", work + "/customers/1234567/profile.json");
        done("file", "open", tmp + "/notes.backup");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(stdout).contains("\"${tmp}/vertx-cache/*\"").contains("\"${tmp}/vertx-cache/*/file-cache/a.jar\"")
                .contains("\"${tmp}/report.*/out.txt\"").contains("\"${tmp}/surefirebooter-*.jar\"")
                .contains("\"${tmp}/tomcat.*\"").contains("\"${workdir}/target/surefire/surefirebooter-*.jar\"")
                .doesNotContain("123456789").doesNotContain("Xa9bQ2").doesNotContain("16359729902073976878");
        assertThat(allows(p, "file", "write", tmp + "/vertx-cache/987654321")).as("a positive number next run").isTrue();
        assertThat(allows(p, "file", "write", tmp + "/vertx-cache/-5550001/file-cache/a.jar")).isTrue();
        assertThat(allows(p, "file", "write", tmp + "/report.k3J9xQ/out.txt")).isTrue();
        assertThat(allows(p, "file", "read", tmp + "/surefirebooter-20270101093000123_1.jar")).isTrue();
        assertThat(allows(p, "file", "write", tmp + "/tomcat.8080.99999999999")).isTrue();
        assertThat(allows(p, "file", "read", tmp + "/junit99887766/in.txt")).isTrue();
        assertThat(allows(p, "file", "read", work + "/target/surefire/surefirebooter-20270101093000123_1.jar")).isTrue();
        assertThat(allows(p, "file", "read", work + "/customers/7654321/profile.json"))
                .as("a long number outside ${tmp} may be data: kept exact").isFalse();
        assertThat(allows(p, "file", "read", work + "/customers/1234567/profile.json")).isTrue();
        assertThat(stdout).as("a lower-case word after a dot is no mktemp suffix").contains("\"${tmp}/notes.backup\"");
    }

    @Test
    void theProgramsOwnProcEntriesAreGrantedByPidVariable() throws Exception {
        done("file", "open", "/proc/7/status");
        done("file", "open", "/proc/self/stat");
        done("file", "open", "/proc/4242/cmdline");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(stdout).contains("\"/proc/self/status\"").contains("\"/proc/${pid}/status\"")
                .contains("\"/proc/self/stat\"").contains("\"/proc/${pid}/stat\"")
                .doesNotContain("/proc/7/").doesNotContain("/proc/" + ProcessHandle.current().pid() + "/");
        assertThat(allows(p, "file", "read", "/proc/" + context.pid() + "/status")).isTrue();
        assertThat(allows(p, "file", "read", "/proc/4242/cmdline")).isFalse();
        assertThat(commentBlock()).anyMatch(l -> l.contains("/proc/4242/cmdline") && l.contains("another process"));
    }

    @Test
    void foldersUnderTmpThatTheRunFoundAreGrantedForCreation() throws Exception {
        String tmp = context.tmp();
        // The run found ${tmp}/app-cache/data already there: it only wrote a file inside.
        done("file", "open-write", tmp + "/app-cache/data/x.bin");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        for (String folder : List.of(tmp + "/app-cache", tmp + "/app-cache/data")) {
            assertThat(allows(p, "file", "write", folder)).as("creating " + folder).isTrue();
            assertThat(allows(p, "file", "read", folder)).as("checking " + folder).isTrue();
        }
        assertThat(allows(p, "file", "write", tmp)).isFalse();
        assertThat(allows(p, "file", "write", tmp + "/other")).isFalse();
        assertThat(allows(p, "file", "read", tmp + "/app-cache/data/x.bin")).as("written, never read").isFalse();
    }

    @Test
    void aCredentialReadByNameIsNotCalledWholeEnvironmentOnly_andIsStrippedFromChildren() throws Exception {
        record("would_deny", "env", "read-all", "2 variables", "default-deny", "not granted by env.read",
                "{\"names\":[\"GITHUB_TOKEN\",\"OPENAI_API_KEY\"]}");
        done("env", "read", "OPENAI_API_KEY");
        done("process", "exec", "git status");

        assertThat(suggest()).isZero();
        Policy p = suggested();
        assertThat(commentBlock()).noneMatch(l -> l.contains("OPENAI_API_KEY"))
                .anyMatch(l -> l.contains("GITHUB_TOKEN") && l.contains("whole-environment"));
        assertThat(allows(p, "env", "read", "OPENAI_API_KEY")).isTrue();
        assertThat(p.env().stripped("OPENAI_API_KEY")).as("children do not inherit the key").isTrue();
        assertThat(p.env().stripped("GITHUB_TOKEN")).isFalse();
        assertThat(stdout).contains("# process.env.strip holds OPENAI_API_KEY");
    }

    @Test
    void withoutChildrenACredentialReadByNameIsNotStripped() throws Exception {
        done("env", "read", "OPENAI_API_KEY");

        assertThat(suggest()).isZero();
        assertThat(suggested().env().stripped("OPENAI_API_KEY")).isFalse();
        assertThat(stdout).doesNotContain("strip");
    }

    private List<String> commentBlock() {
        int start = stdout.indexOf("# Denied in the audited run");
        assertThat(start).as(stdout).isGreaterThanOrEqualTo(0);
        return stdout.substring(start).lines().toList();
    }

    @Test
    void aForkedJvmAndTheVariablesTheApplicationSetForChildren() throws Exception {
        String booter = work + "/target/surefire/surefirebooter-20261206201751263_3.jar";
        record("would_deny", "process", "exec", "java -jar " + booter, "default-deny", "not granted",
                "{\"argv\":[\"java\",\"-jar\",\"" + booter + "\",\"" + work + "/target/surefire\","
                + "\"2026-12-06T20-17-51_263-jvmRun1\",\"surefire8734628734628736428tmp\"]}");
        record("would_deny", "process", "env", "LANG for java -jar x", "process.env", "not granted", null);
        record("would_deny", "process", "env", "GIT_CONFIG_COUNT for git status", "process.env", "not granted", null);
        assertThat(suggest()).isZero();
        assertThat(stdout).contains("surefirebooter-*_3.jar").contains("surefire*tmp")
                .doesNotContain("20261206201751263").doesNotContain("8734628734628736428");
        assertThat(stdout).contains("    pass:\n      - \"LANG\"");
        assertThat(stdout).contains("#   process env GIT_CONFIG_COUNT: the application set it for a child");
        Policy p = suggested();
        assertThat(p.processes().lifecycle().pass()).hasSize(1);
        // The next run's fork, with another timestamp and temporary name, matches the suggested rule.
        var rule = p.processes().exec().get(0);
        String[] next = {"java", "-jar", work + "/target/surefire/surefirebooter-20270101000000001_3.jar",
            work + "/target/surefire", "2026-12-06T20-17-51_263-jvmRun1", "surefire1111111111111111111tmp"};
        assertThat(rule.matches(rule.program().resolved(), next)).as(rule.text()).isTrue();
    }
}
