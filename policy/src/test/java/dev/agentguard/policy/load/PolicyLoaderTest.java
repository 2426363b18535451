package dev.agentguard.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.AuditSettings;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.budget.RateCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict loading: every class of malformed input, with its exact message and location. */
class PolicyLoaderTest {
    static final PolicyContext JVM = new PolicyContext("/work", "/home/u", "/tmp", "/opt/jdk", 42,
            "/usr/bin:/bin", List.of(), null);

    static Policy parse(String yaml) throws PolicyException {
        return PolicyLoader.parse("p.yaml", "/etc/agent/p.yaml", yaml, JVM, Overrides.NONE);
    }

    static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy to be rejected:\n" + yaml);
    }

    @Test
    void theSpecExampleLoads() throws Exception {
        Policy p = parse(String.join("\n",
                "version: 1",
                "mode: audit",
                "vars:",
                "  data: /srv/agent/data",
                "audit:",
                "  file: ./agentguard-audit.jsonl",
                "  allowed: all",
                "files:",
                "  read:  [\"${workdir}/**\", \"${data}/**\"]",
                "  write: [\"${workdir}/out/**\", \"${tmp}/agent-*/**\"]",
                "  deny:  [\"${home}/.ssh/**\", \"**/.env\", \"**/*.pem\"]",
                "process:",
                "  exec:",
                "    - [\"ls\", \"**\"]",
                "  deny:",
                "    - [\"git\", \"push\", \"--force\", \"**\"]",
                "  env:",
                "    strip: [LD_PRELOAD, JAVA_TOOL_OPTIONS]",
                "network:",
                "  connect: [\"api.openai.com:443\", \"*.github.com:443\", \"127.0.0.1:8080\", \"10.1.0.0/16:5432\",",
                "            \"unix:${workdir}/run/*.sock\"]",
                "  listen:  [\"127.0.0.1:8000-8100\"]",
                "  resolve: [\"internal.example\"]",
                "  deny:    [\"10.1.2.3\"]",
                "env:",
                "  read: [\"PATH\", \"HOME\", \"AGENT_*\"]",
                "native:",
                "  load: []",
                "budgets:",
                "  outbound_bytes: 50MiB",
                "  outbound_bytes_per_host: {\"api.openai.com\": 40MiB}",
                "  rate:",
                "    process.exec: 30/min",
                "    file.open: 20000/s",
                "killswitch:",
                "  file: /run/agentguard/STOP",
                ""));
        assertThat(p.mode()).isEqualTo(Mode.AUDIT);
        assertThat(p.audit()).isEqualTo(new AuditSettings("/work/agentguard-audit.jsonl", AuditSettings.Allowed.ALL));
        assertThat(p.killswitchFile()).isEqualTo("/run/agentguard/STOP");
        assertThat(p.budgets().outboundBytes()).isEqualTo(50L << 20);
        assertThat(p.budgets().outboundBytesPerHost()).containsEntry("api.openai.com", 40L << 20);
        assertThat(p.budgets().rates().get(RateCategory.PROCESS_EXEC).tokens()).isEqualTo(30);
        assertThat(p.files().readRules()).extracting(r -> r.written()).containsExactly("${workdir}/**", "${data}/**");
        assertThat(p.sha256()).hasSize(64);
    }

    @Test
    void networkResolverNamesProviderClasses() throws Exception {
        Policy p = parse("version: 1\nnetwork:\n  resolver: [\"com.example.DohProvider\"]\n");
        assertThat(p.network().decideResolverProvider("com.example.DohProvider").rule()).isEqualTo("network.resolver[0]");
        // As `guard.jar explain POLICY network resolver CLASS` asks it.
        assertThat(p.decide(dev.agentguard.policy.Request.parse("network", "resolver", List.of("com.example.DohProvider"),
                JVM)).allowed()).isTrue();
        assertThat(p.decide(dev.agentguard.policy.Request.parse("network", "resolver", List.of("evil.Mapping"),
                JVM)).rule()).isEqualTo("default-deny");
        assertThat(problems("version: 1\nnetwork:\n  resolver: [\"com.example.*\"]\n")).singleElement().asString()
                .startsWith("p.yaml:3:14: 'com.example.*' is not a Java class name");
    }

    @Test
    void unknownKeyNamesTheAllowedKeys() {
        assertThat(problems("version: 1\nfiles:\n  raed: [\"/x\"]\n")).containsExactly(
                "p.yaml:3:3: unknown key 'raed' under 'files' (expected: read, write, deny, allow_broad_workdir)");
        assertThat(problems("version: 1\nfile: {}\n")).containsExactly(
                "p.yaml:2:1: unknown key 'file' at the top level (expected: version, mode, vars, audit, files,"
                        + " process, network, env, native, budgets, killswitch, jvm)");
        assertThat(problems("version: 1\nprocess:\n  env:\n    strp: []\n")).containsExactly(
                "p.yaml:4:5: unknown key 'strp' under 'process.env' (expected: strip, pass)");
    }

    @Test
    void wrongTypes() {
        assertThat(problems("version: 1\nfiles:\n  read: /x\n")).containsExactly(
                "p.yaml:3:9: 'files.read' must be a list of strings, not a string");
        assertThat(problems("version: 1\nfiles: [a]\n")).containsExactly(
                "p.yaml:2:8: 'files' must be a map, not a list");
        assertThat(problems("version: 1\nenv:\n  read: [PATH, 5]\n")).containsExactly(
                "p.yaml:3:16: 'env.read[1]' must be a string, not a number");
        assertThat(problems("version: 1\nprocess:\n  exec: [git]\n")).containsExactly(
                "p.yaml:3:10: 'process.exec[0]' must be a non-empty argv list such as [\"git\", \"status\"], or a map with argv:, not a string");
        assertThat(problems("version: 1\nmode: true\n")).containsExactly(
                "p.yaml:2:7: 'mode' must be a string, not a boolean");
    }

    @Test
    void versionIsRequiredAndOnlyOne() {
        assertThat(problems("mode: enforce\n")).containsExactly(
                "p.yaml:1:1: missing required key 'version' (write 'version: 1')");
        assertThat(problems("version: 2\n")).containsExactly(
                "p.yaml:1:10: unsupported version '2' (the only version is 1)");
    }

    @Test
    void badValuesInEverySection() {
        List<String> all = problems(String.join("\n",
                "version: 1",
                "mode: enforcing",
                "audit:",
                "  allowed: some",
                "files:",
                "  read: [\"/a/{b\", \"relative/**\", \"${nope}/x\"]",
                "network:",
                "  connect: [\"10.1.2.3/16:443\", \"host:99999\", \"host:9000-8000\"]",
                "budgets:",
                "  outbound_bytes: 50MB",
                "  rate:",
                "    process.exec: 30/week",
                "    file.read: 1/s",
                ""));
        assertThat(all).hasSize(11);
        assertThat(all.get(0)).isEqualTo("p.yaml:2:7: unknown mode 'enforcing' (expected: enforce, audit)");
        assertThat(all.get(1)).isEqualTo("p.yaml:4:12: unknown value 'some' for 'audit.allowed' (expected: none, first, all)");
        assertThat(all.get(2)).startsWith("p.yaml:6:10: unclosed '{' in path pattern '/a/{b'");
        assertThat(all.get(3)).startsWith("p.yaml:6:19: relative path pattern 'relative/**'");
        assertThat(all.get(4)).startsWith("p.yaml:6:34: undefined variable '${nope}' (defined: workdir, home, tmp, java.home, pid)");
        assertThat(all.get(5)).startsWith("p.yaml:8:13: CIDR '10.1.2.3/16' has host bits set");
        assertThat(all.get(6)).startsWith("p.yaml:8:32: ").contains("99999");
        assertThat(all.get(7)).startsWith("p.yaml:8:46: ").contains("9000-8000");
        assertThat(all.get(8)).startsWith("p.yaml:10:19: ").contains("50MB");
        assertThat(all.get(9)).startsWith("p.yaml:12:19: ").contains("30/week");
        assertThat(all.get(10)).startsWith("p.yaml:13:5: unknown rate category 'file.read'");
    }

    @Test
    void notYamlAtAll() {
        List<String> p = problems("version: 1\nfiles: [\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("p.yaml:").contains("not valid YAML");
    }

    @Test
    void duplicateKeysAreProblems() {
        assertThat(problems("version: 1\nmode: audit\nmode: enforce\n")).containsExactly(
                "p.yaml:3:1: duplicate key 'mode' (first at line 2)");
    }

    @Test
    void emptyPolicyAndNonMap() {
        assertThat(problems("")).containsExactly("p.yaml:1:1: the policy is empty (expected at least 'version: 1')");
        assertThat(problems("- a\n")).containsExactly("p.yaml:1:1: the policy must be a map, not a list");
    }

    @Test
    void varsExpandAndUndefinedVarsAreErrors() throws Exception {
        Policy p = parse("version: 1\nvars:\n  data: ${workdir}/data\nfiles:\n  read: [\"${data}/**\", \"~/docs/**\"]\n");
        assertThat(p.files().readRules()).extracting(r -> r.glob().pattern())
                .containsExactly("/work/data/**", "/home/u/docs/**");
        assertThat(problems("version: 1\nvars:\n  workdir: /x\n")).containsExactly(
                "p.yaml:3:12: variable 'workdir' is already defined (built-in)");
    }

    @Test
    void killswitchMustBeAbsolute() {
        assertThat(problems("version: 1\nkillswitch:\n  file: STOP\n")).containsExactly(
                "p.yaml:3:9: 'killswitch.file' must be an absolute path, not 'STOP'");
    }

    @Test
    void overridesWinOverTheFile() throws Exception {
        Policy p = PolicyLoader.parse("p.yaml", null, "version: 1\nmode: enforce\n", JVM,
                new Overrides(Mode.AUDIT, "logs/a.jsonl"));
        assertThat(p.mode()).isEqualTo(Mode.AUDIT);
        assertThat(p.audit().file()).isEqualTo("/work/logs/a.jsonl");
    }

    @Test
    void fixesFromReview() throws Exception {
        // audit.allowed is case-sensitive like every other keyword.
        assertThat(problems("version: 1\naudit:\n  allowed: FIRST\n")).containsExactly(
                "p.yaml:3:12: unknown value 'FIRST' for 'audit.allowed' (expected: none, first, all)");
        // A bad mode in the file is reported even when the agent line overrides it.
        assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", null, "version: 1\nmode: bogus\n", JVM,
                new Overrides(Mode.AUDIT, null))).isInstanceOf(PolicyException.class)
                .hasMessage("p.yaml:2:7: unknown mode 'bogus' (expected: enforce, audit)");
        // Variables are expanded in network.resolve and after unix:, and unix: is quoted once.
        Policy p = parse("version: 1\nvars:\n  h: internal.example\nnetwork:\n  resolve: [\"${h}\"]\n"
                + "  connect: [\"unix:~/run/*.sock\"]\n");
        assertThat(p.network().decideResolve("internal.example").allowed()).isTrue();
        assertThat(p.network().decideUnixConnect("/home/u/run/a.sock").reason()).isEqualTo(
                "granted by 'unix:~/run/*.sock'");
        // A native name grants loadLibrary of that name, not load() of a file that happens to be called libz.so.
        Policy n = parse("version: 1\nnative:\n  load: [\"z\"]\n");
        assertThat(n.natives().decide("z", null).allowed()).isTrue();
        assertThat(n.natives().decide(null, "/tmp/evil/libz.so").allowed()).isFalse();
    }

    @Test
    void thePolicyFileIsProtectedInItsRealFormToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path real = dir.resolve("real.yaml");
        java.nio.file.Files.writeString(real, "version: 1\nfiles:\n  write: [\"" + dir + "/**\"]\n");
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link.yaml"), real);
        Policy p = PolicyLoader.load(link, JVM);
        String target = real.toRealPath().toString();
        dev.agentguard.policy.Decision d = p.files().decide(dev.agentguard.policy.file.FileAccess.WRITE, target, target);
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("protected");
    }

    @Test
    void absentSectionsGrantNothing() throws Exception {
        Policy p = parse("version: 1\nfiles:\nnetwork:\n");
        assertThat(p.files().readRules()).isEmpty();
        assertThat(p.env().decide("HOME").allowed()).isFalse();
        assertThat(p.natives().decide("z", null).allowed()).isFalse();
    }
}
