package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar guard.jar COMMAND} as a user runs it (POLICY.md section 13), on the built jar, on
 * JDK 17 and 25: what each command prints and its exit status (0 allow/valid, 1 deny/invalid, 2 an
 * invalid policy or request, or usage).
 *
 * <p>Each CLI runs in {@code work/} with {@code user.home} set to {@code home/}, both in a fresh folder,
 * so that {@code ${workdir}}, {@code ${home}} and {@code ~/} mean the same to the policy and to the test.
 */
class GuardCliTest {
    private static final String POLICY = String.join("\n",
            "version: 1",
            "files:",
            "  read: [\"${workdir}/**\", \"${home}/**\"]",
            "  deny: [\"${home}/.ssh/**\"]",
            "process:",
            "  exec: [[\"git\", \"**\"]]",
            "  deny: [[\"git\", \"push\", \"--force\", \"**\"]]",
            "network:",
            "  connect: [\"api.openai.com:443\", \"10.1.0.0/16:5432\"]",
            "env:",
            "  read: [\"PATH\", \"AGENT_*\"]",
            "native:",
            "  load: [\"z\"]",
            "");

    /** Five problems in one file; every one must be reported, each at its line and column. */
    private static final String BROKEN_POLICY = String.join("\n",
            "version: 2",
            "mode: strict",
            "files:",
            "  raed: [\"/x/**\"]",
            "  write: \"notalist\"",
            "network:",
            "  connect: [\"api.openai.com:99999\"]",
            "");

    @TempDir
    Path temp;
    private Path work;
    private Path home;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @BeforeEach
    void folders() throws Exception {
        Path root = temp.toRealPath();
        work = Files.createDirectories(root.resolve("work"));
        home = Files.createDirectories(root.resolve("home"));
        Files.writeString(work.resolve("p.yaml"), POLICY, StandardCharsets.UTF_8);
        Files.writeString(work.resolve("bad.yaml"), BROKEN_POLICY, StandardCharsets.UTF_8);
    }

    private ChildJvm.Result cli(int jdk, String... args) throws Exception {
        return ChildJvm.on(jdk).workdir(work).option("-Duser.home=" + home).guardCli(args);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void checkAcceptsAValidPolicy(int jdk) throws Exception {
        ChildJvm.Result r = cli(jdk, "check", "p.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(POLICY.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.lines()).as(r.toString())
                .containsExactly("agentguard: p.yaml: valid (enforce mode, sha256 " + sha256 + ")");
        assertThat(r.stderr()).as(r.toString()).isEmpty();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void checkReportsEveryProblemAtItsLineAndColumn(int jdk) throws Exception {
        ChildJvm.Result r = cli(jdk, "check", "bad.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr().lines()).as(r.toString()).containsExactly(
                "agentguard: bad.yaml:1:10: unsupported version '2' (the only version is 1)",
                "agentguard: bad.yaml:2:7: unknown mode 'strict' (expected: enforce, audit)",
                "agentguard: bad.yaml:4:3: unknown key 'raed' under 'files' (expected: read, write, deny, allow_broad_workdir)",
                "agentguard: bad.yaml:5:10: 'files.write' must be a list of strings, not a string",
                "agentguard: bad.yaml:7:13: port 99999 is out of range; ports are 1-65535");
        assertThat(r.stdout()).as(r.toString()).isEmpty();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void checkOfAMissingFileIsInvalid(int jdk) throws Exception {
        ChildJvm.Result r = cli(jdk, "check", "nowhere.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).as(r.toString()).startsWith("agentguard: nowhere.yaml: cannot read the policy");
    }

    /** jvm.agents: check notes each grant and whether it loads now; explain decides the load on the file. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void checkAndExplainAProfilerAgentGrant(int jdk) throws Exception {
        Path tools = Files.createDirectories(work.getParent().resolve("tools"));
        Path lib = Files.writeString(tools.resolve("libprof.so"), "a library");
        Files.setPosixFilePermissions(lib, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(tools, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.writeString(work.resolve("agents.yaml"), String.join("\n", "version: 1", "files:",
                    "  write: [\"${workdir}/**\"]", "jvm:", "  agents:", "    - " + lib,
                    "    - ${workdir}/libmine.so", ""), StandardCharsets.UTF_8);
            Files.writeString(work.resolve("libmine.so"), "the program's own");
            ChildJvm.Result check = cli(jdk, "check", "agents.yaml");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.lines()).as(check.toString()).contains(
                    "agentguard: note: jvm.agents[0] " + lib + " is trusted code (a Java agent gets an Instrumentation"
                            + " and can switch the guard off; a native one runs unchecked); it loads as things are now")
                    .anyMatch(l -> l.startsWith("agentguard: note: jvm.agents[1] " + work.resolve("libmine.so"))
                            && l.contains("it would be refused now: the program could replace the agent"));
            assertDecision(cli(jdk, "explain", "agents.yaml", "jvm", "diagnostic", "JVMTI.agent_load", lib.toString()),
                    0, "allow jvm.agents[0]: ");
            assertDecision(cli(jdk, "explain", "agents.yaml", "jvm", "diagnostic", "JVMTI.agent_load",
                    work.resolve("libmine.so").toString()), 1, "deny default-deny: the program could replace");
        } finally {
            Files.setPosixFilePermissions(tools, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainFileRead(int jdk) throws Exception {
        assertDecision(cli(jdk, "explain", "p.yaml", "file", "read", "src/App.java"), 0, "allow files.read[0]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "file", "read", "~/notes.txt"), 0, "allow files.read[1]: ");
        // ${home}/** grants it, the deny rule wins; ~/ is the CLI JVM's user.home.
        ChildJvm.Result secret = cli(jdk, "explain", "p.yaml", "file", "read", "~/.ssh/id_rsa");
        assertDecision(secret, 1, "deny files.deny[0]: ");
        assertThat(secret.stdout()).contains(home + "/.ssh/id_rsa");
        assertDecision(cli(jdk, "explain", "p.yaml", "file", "read", "/etc/shadow"), 1, "deny default-deny: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "file", "write", "out.txt"), 1, "deny default-deny: ");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainNetwork(int jdk) throws Exception {
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "connect", "api.openai.com:443"), 0,
                "allow network.connect[0]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "connect", "api.openai.com:80"), 1, "deny ");
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "connect", "10.1.2.3:5432"), 0,
                "allow network.connect[1]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "connect", "10.2.0.1:5432"), 1,
                "deny default-deny: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "resolve", "api.openai.com"), 0,
                "allow network.connect[0]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "network", "resolve", "evil.example"), 1,
                "deny default-deny: ");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainEnvProcessAndNative(int jdk) throws Exception {
        assertDecision(cli(jdk, "explain", "p.yaml", "env", "read", "PATH"), 0, "allow env.read[0]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "env", "read", "AGENT_MODE"), 0, "allow env.read[1]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "env", "read", "AWS_SECRET_ACCESS_KEY"), 1,
                "deny default-deny: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "process", "exec", "git", "status"), 0,
                "allow process.exec[0]: ");
        ChildJvm.Result push = cli(jdk, "explain", "p.yaml", "process", "exec", "git", "push", "--force",
                "origin", "main");
        assertDecision(push, 1, "deny process.deny[0]: ");
        assertThat(push.stdout()).contains("git push --force origin main");
        assertDecision(cli(jdk, "explain", "p.yaml", "process", "exec", "curl", "https://example.com"), 1,
                "deny default-deny: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "native", "load", "z"), 0, "allow native.load[0]: ");
        assertDecision(cli(jdk, "explain", "p.yaml", "native", "load", "crypto"), 1, "deny default-deny: ");
    }

    /** With process.shell: decompose, explain decides an sh -c script and prints one line per part; check names the shells. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainDecidesAShellScriptPartByPart(int jdk) throws Exception {
        Files.writeString(work.resolve("shell.yaml"), POLICY.replace("process:\n", "process:\n  shell: decompose\n"));
        ChildJvm.Result ok = cli(jdk, "explain", "shell.yaml", "process", "exec", "sh", "-c", "git status && git diff");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.lines()).as(ok.toString()).containsExactly(
                "allow process.shell: sh -c script decomposed, every part granted: git status (process.exec[0]);"
                        + " git diff (process.exec[0])",
                "  at 1: allow process.exec[0]: git status",
                "  at 15: allow process.exec[0]: git diff");
        ChildJvm.Result denied = cli(jdk, "explain", "shell.yaml", "process", "exec", "sh", "-c",
                "git status; cat ~/.ssh/id_rsa");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
        assertThat(denied.lines().get(0)).startsWith("deny default-deny: sh -c script: 'cat ~/.ssh/id_rsa' at character"
                + " 13 is not granted: ");
        assertThat(denied.lines().get(2)).startsWith("  at 13: deny default-deny: cat ~/.ssh/id_rsa — ");
        ChildJvm.Result check = cli(jdk, "check", "shell.yaml");
        assertThat(check.lines()).as(check.toString()).hasSize(2);
        assertThat(check.lines().get(1)).startsWith("agentguard: process.shell: decompose: sh -c scripts of /");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainExitsTwoForAnInvalidPolicyOrRequest(int jdk) throws Exception {
        ChildJvm.Result badPolicy = cli(jdk, "explain", "bad.yaml", "file", "read", "/x/y");
        assertThat(badPolicy.exitCode()).as(badPolicy.toString()).isEqualTo(2);
        assertThat(badPolicy.stderr()).as(badPolicy.toString())
                .contains("agentguard: bad.yaml:1:10: unsupported version '2'");
        assertThat(badPolicy.stdout()).as(badPolicy.toString()).isEmpty();

        ChildJvm.Result noPort = cli(jdk, "explain", "p.yaml", "network", "connect", "noport");
        assertThat(noPort.exitCode()).as(noPort.toString()).isEqualTo(2);
        assertThat(noPort.stderr().lines()).as(noPort.toString())
                .containsExactly("agentguard: expected HOST:PORT (IPv6 as [ADDR]:PORT), not 'noport'");
        assertThat(noPort.stdout()).as(noPort.toString()).isEmpty();

        for (String[] request : List.of(
                new String[] {"explain", "p.yaml", "disk", "read", "/x"},
                new String[] {"explain", "p.yaml", "file", "delete", "/x"},
                new String[] {"explain", "p.yaml", "network", "connect", "api.openai.com:70000"},
                new String[] {"explain", "p.yaml", "file"})) {
            ChildJvm.Result r = cli(jdk, request);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr()).as(r.toString()).startsWith("agentguard: ");
            assertThat(r.stdout()).as(r.toString()).isEmpty();
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void explainBaselineListsTheJdkAndTheTrustStores(int jdk) throws Exception {
        ChildJvm.Result r = cli(jdk, "explain", "--baseline");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path javaHome = Jdks.java(jdk).getParent().getParent().toRealPath();
        String jdkLine = r.lines().stream().filter(l -> l.endsWith("(the JDK (java.home))")).findFirst()
                .orElseThrow(() -> new AssertionError("no java.home line\n" + r));
        String pattern = jdkLine.substring("read  ".length(), jdkLine.indexOf("  (")).trim();
        assertThat(pattern).as(jdkLine).endsWith("/**");
        assertThat(Path.of(pattern.substring(0, pattern.length() - 3)).toRealPath()).as(jdkLine).isEqualTo(javaHome);
        assertThat(r.lines()).as(r.toString()).anyMatch(l -> l.startsWith("read  /etc/ssl/**  "));
        assertThat(r.lines()).as(r.toString()).contains("write /dev/null  (discarding output)");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void initPrintsAPolicyThatPassesCheck(int jdk) throws Exception {
        ChildJvm.Result init = cli(jdk, "init");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.stdout()).contains("version: 1").contains("${home}/.ssh/**");
        Files.writeString(work.resolve("init.yaml"), init.stdout(), StandardCharsets.UTF_8);
        ChildJvm.Result check = cli(jdk, "check", "init.yaml");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).startsWith("agentguard: init.yaml: valid (enforce mode, sha256 ");
        // And it means what section 9 says: the secret set is denied, the workdir is granted.
        assertDecision(cli(jdk, "explain", "init.yaml", "file", "read", "~/.ssh/id_rsa"), 1, "deny files.deny[0]: ");
        assertDecision(cli(jdk, "explain", "init.yaml", "file", "write", "out/a.txt"), 0, "allow files.write[0]: ");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void versionPrintsTheGuardVersion(int jdk) throws Exception {
        ChildJvm.Result r = cli(jdk, "version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.lines()).as(r.toString()).hasSize(1);
        assertThat(r.lines().get(0)).matches("agentguard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void hooksPrintsOneTableRowPerHookedMethodAndTheIdsMatchIt(int jdk) throws Exception {
        ChildJvm.Result table = cli(jdk, "hooks");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.lines();
        assertThat(lines.get(0)).isEqualTo("| class | method | descriptor | JDK | check | on deny |");
        assertThat(lines.get(1)).isEqualTo("| --- | --- | --- | --- | --- | --- |");
        Set<String> idsFromTable = new LinkedHashSet<>();
        for (String row : lines.subList(2, lines.size())) {
            String[] cells = cells(row);
            assertThat(cells).as(row).hasSize(6);
            for (String cell : cells) {
                assertThat(cell).as(row).isNotBlank();
            }
            if (appliesTo(cells[3], jdk)) {
                String descriptor = unquote(cells[2]);
                idsFromTable.add(unquote(cells[0]) + "#" + unquote(cells[1])
                        + descriptor.substring(0, descriptor.indexOf(')') + 1));
            }
        }
        assertThat(idsFromTable).as("hooked methods on JDK " + jdk).isNotEmpty();

        ChildJvm.Result ids = cli(jdk, "hooks", "--ids");
        assertThat(ids.exitCode()).as(ids.toString()).isZero();
        assertThat(ids.lines()).as("hooks --ids against the table's rows for JDK " + jdk)
                .containsExactlyElementsOf(idsFromTable);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anUnknownCommandOrNoneIsAUsageError(int jdk) throws Exception {
        ChildJvm.Result unknown = cli(jdk, "frobnicate");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("agentguard: unknown command 'frobnicate'").contains("usage:");
        assertThat(unknown.stdout()).isEmpty();

        ChildJvm.Result none = cli(jdk);
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.stderr()).contains("usage:");

        ChildJvm.Result checkWithoutFile = cli(jdk, "check");
        assertThat(checkWithoutFile.exitCode()).as(checkWithoutFile.toString()).isEqualTo(2);
    }

    private static void assertDecision(ChildJvm.Result r, int exitCode, String prefix) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.lines()).as(r.toString()).hasSize(1);
        assertThat(r.lines().get(0)).as(r.toString()).startsWith(prefix);
        assertThat(r.stderr()).as(r.toString()).isEmpty();
    }

    private static String[] cells(String row) {
        assertThat(row).startsWith("| ").endsWith(" |");
        List<String> out = new ArrayList<>();
        for (String cell : row.substring(2, row.length() - 2).split(" \\| ", -1)) {
            out.add(cell.trim());
        }
        return out.toArray(new String[0]);
    }

    private static String unquote(String cell) {
        assertThat(cell).startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }

    /** The JDK column: {@code 17}, {@code 18+} or {@code 17-21}. */
    private static boolean appliesTo(String versions, int jdk) {
        if (versions.endsWith("+")) {
            return jdk >= Integer.parseInt(versions.substring(0, versions.length() - 1));
        }
        int dash = versions.indexOf('-');
        if (dash < 0) {
            return jdk == Integer.parseInt(versions);
        }
        return jdk >= Integer.parseInt(versions.substring(0, dash))
                && jdk <= Integer.parseInt(versions.substring(dash + 1));
    }
}
