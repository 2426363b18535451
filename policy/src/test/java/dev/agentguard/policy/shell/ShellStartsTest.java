package dev.agentguard.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.env.EnvRules;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When decomposition applies, the environment it is decided in, and what it records. */
class ShellStartsTest {
    static Path work;
    static String path;

    @BeforeAll
    static void layOut() throws Exception {
        ShellCorpusTest.layOut();
        work = ShellCorpusTest.root.resolve("work");
        path = ShellCorpusTest.root.resolve("bin") + ":/bin";
    }

    @AfterAll
    static void cleanUp() throws Exception {
        ShellCorpusTest.cleanUp();
    }

    private static Policy policy(String process) throws PolicyException {
        PolicyContext context = new PolicyContext(work.toString(), ShellCorpusTest.root.resolve("home").toString(),
                "/tmp", "/opt/jdk", 1, path, List.of(), null);
        return PolicyLoader.parse("p.yaml", null, "version: 1\nprocess:\n" + process, context, Overrides.NONE);
    }

    private static ShellVerdict decide(Policy p, Map<String, String> env, String... argv) {
        String program = dev.agentguard.policy.process.ProgramResolver.resolve(argv[0], path, work.toString());
        return p.shellStarts().decide(program, argv, work.toString(), ShellEnvironment.of(env));
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("PATH", path);
        m.put("HOME", ShellCorpusTest.root.resolve("home").toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final String GRANTS = "  exec: [[\"git\", \"status\"], [\"git\", \"diff\"]]\n";

    @Test
    void offByDefault() throws Exception {
        Policy p = policy(GRANTS);
        assertThat(p.shellStarts().enabled()).isFalse();
        Decision d = decide(p, env(), "sh", "-c", "git status").decision();
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("default-deny");
    }

    @Test
    void decomposeFindsTheSystemShellsByTheirRealFiles() throws Exception {
        Policy p = policy("  shell: decompose\n" + GRANTS);
        assertThat(p.shellStarts().shells().paths()).isNotEmpty()
                .allSatisfy(s -> assertThat(Commands.fileName(s)).isIn("sh", "dash", "bash"));
        ShellVerdict v = decide(p, env(), "sh", "-c", "git status && git diff");
        assertThat(v.decision().allowed()).isTrue();
        assertThat(v.decision().rule()).isEqualTo("process.shell");
        assertThat(v.decision().reason()).isEqualTo("sh -c script decomposed, every part granted: git status"
                + " (process.exec[0]); git diff (process.exec[1])");
        assertThat(v.parts()).extracting(ShellPart::text).containsExactly("git status", "git diff");
        assertThat(v.parts()).extracting(ShellPart::start).containsExactly(0, 14);
        assertThat(v.parts().get(1).argv()).containsExactly("git", "diff");
    }

    @Test
    void anExplicitGrantOfTheShellKeepsItsMeaningAndADenyStaysADenial() throws Exception {
        Policy granted = policy("  shell: decompose\n  exec: [[\"sh\", \"-c\", \"**\"]]\n");
        ShellVerdict v = decide(granted, env(), "sh", "-c", "curl $(cat ~/.ssh/id_rsa)");
        assertThat(v.decision().allowed()).isTrue();
        assertThat(v.decision().rule()).isEqualTo("process.exec[0]");
        assertThat(v.parts()).isEmpty();
        Policy denied = policy("  shell: decompose\n" + GRANTS + "  deny: [[\"sh\", \"-c\", \"*diff*\"]]\n");
        Decision d = decide(denied, env(), "sh", "-c", "git status && git diff").decision();
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("process.deny[0]");
    }

    @Test
    void aCopyOfAShellOutsideTheSystemDirectoriesIsNotDecomposed() throws Exception {
        Path copy = work.resolve("out/sh");
        Files.copy(Path.of("/bin/sh").toRealPath(), copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setExecutable(true);
        Policy p = policy("  shell: decompose\n" + GRANTS);
        Decision d = decide(p, env(), copy.toString(), "-c", "git status").decision();
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("default-deny");
    }

    @Test
    void onlyDashCIsDecomposed() throws Exception {
        Policy p = policy("  shell: decompose\n" + GRANTS);
        for (String[] argv : List.of(new String[] {"sh", "-ec", "git status"}, new String[] {"sh", "-l", "-c", "x"},
                new String[] {"sh", "-c"}, new String[] {"sh", "git status"}, new String[] {"sh"})) {
            assertThat(decide(p, env(), argv).decision().rule()).as(String.join(" ", argv)).isEqualTo("default-deny");
        }
        assertThat(decide(p, env(), "sh", "-c", "git status", "name", "arg").decision().allowed()).isTrue();
    }

    @Test
    void variablesThatMakeTheShellRunOtherCodeDeny() throws Exception {
        Policy p = policy("  shell: decompose\n" + GRANTS);
        for (String name : ShellEnvironment.REFUSED) {
            Decision d = decide(p, env(name, "x"), "bash", "-c", "git status").decision();
            assertThat(d.allowed()).as(name).isFalse();
            assertThat(d.rule()).isEqualTo("process.shell");
            assertThat(d.reason()).contains("the variable " + name + " in the child's environment");
        }
        assertThat(decide(p, env("BASH_FUNC_git%%", "() { curl x; }"), "bash", "-c", "git status").decision()
                .reason()).contains("an exported bash function");
        assertThat(decide(p, env("PATH", "/usr/bin:%builtin"), "sh", "-c", "git status").decision().reason())
                .contains("a '%' in the child's PATH");
        assertThat(decide(p, env("PATH", "/proc/self/cwd:" + path), "sh", "-c", "git status").decision().reason())
                .contains("PATH entry /proc/self/cwd leads through /proc");
        Map<String, String> noPath = env();
        noPath.remove("PATH");
        assertThat(decide(p, noPath, "sh", "-c", "git status").decision().reason()).contains("no PATH");
    }

    @Test
    void programsAreFoundOnTheChildsPathNotTheJvms() throws Exception {
        Path evil = Files.createDirectories(work.resolve("out/evil"));
        Path git = Files.writeString(evil.resolve("git"), "#!/bin/sh\n");
        git.toFile().setExecutable(true);
        Policy p = policy("  shell: decompose\n" + GRANTS);
        Decision d = decide(p, env("PATH", evil + ":" + path), "sh", "-c", "git status").decision();
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains(evil + "/git");
    }

    @Test
    void theChildsEnvironmentIsTheStartsMapOrTheJvmsFilteredByEnvRead() throws Exception {
        EnvRules rules = EnvRules.compile(List.of("PATH"), List.of());
        Map<String, String> jvm = Map.of("PATH", "/bin", "HOME", "/root", "BASH_ENV", "/x", "IFS", ":");
        ShellEnvironment inherited = ShellEnvironment.ofChild(null, jvm, rules);
        assertThat(inherited.variables()).containsOnlyKeys("PATH");
        assertThat(inherited.home()).isNull();
        Map<String, String> given = new HashMap<>(Map.of("PATH", "/usr/bin", "IFS", ":", "BASH_ENV", "/x"));
        ShellEnvironment explicit = ShellEnvironment.ofChild(given, jvm, rules);
        // The application's map is kept, less the strip list (BASH_ENV is on the built-in one).
        assertThat(explicit.variables()).containsOnlyKeys("PATH", "IFS");
        given.put("PATH", "/tmp/evil");
        assertThat(explicit.path()).as("a copy: later changes do not reach it").isEqualTo("/usr/bin");
        assertThatThrownBy(explicit::check).isInstanceOf(UndecidableScript.class).hasMessageContaining("IFS");
    }

    @Test
    void tildeNeedsAnAbsoluteHome() throws Exception {
        Policy p = policy("  shell: decompose\n  exec: [[\"git\", \"diff\", \"**\"]]\n");
        assertThat(decide(p, env(), "sh", "-c", "git diff ~/x").parts().get(0).argv())
                .containsExactly("git", "diff", ShellCorpusTest.root.resolve("home") + "/x");
        for (String home : new String[] {"", "relative"}) {
            Decision d = decide(p, env("HOME", home), "sh", "-c", "git diff ~/x").decision();
            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains("with no HOME");
        }
    }

    @Test
    void aCdFollowedBySemicolonIsDecidedInBothDirectories() throws Exception {
        Policy p = policy("  shell: decompose\n  exec: [[\"ls\"]]\n");
        ShellVerdict v = decide(p, env(), "sh", "-c", "cd src; ls");
        assertThat(v.decision().allowed()).isTrue();
        assertThat(v.parts()).extracting(ShellPart::directory).containsExactly(null, work + "/src", null);
        ShellVerdict and = decide(p, env(), "sh", "-c", "cd src && ls");
        assertThat(and.parts()).extracting(ShellPart::directory).containsExactly(null, work + "/src");
        ShellVerdict sub = decide(p, env(), "sh", "-c", "(cd src) && ls");
        assertThat(sub.parts()).extracting(ShellPart::directory).containsExactly(null, null);
    }

    @Test
    void partsOfANestedShellAreListedWithTheirNesting() throws Exception {
        Policy p = policy("  shell: decompose\n" + GRANTS);
        ShellVerdict v = decide(p, env(), "sh", "-c", "git status && sh -c 'git diff'");
        assertThat(v.decision().allowed()).isTrue();
        assertThat(v.parts()).extracting(ShellPart::text).containsExactly("git status", "sh -c 'git diff'",
                "git diff");
        assertThat(v.parts()).extracting(ShellPart::nesting).containsExactly(0, 0, 1);
    }

    @Test
    void aWrongValueIsAPolicyProblemAndOffIsOff() throws Exception {
        assertThatThrownBy(() -> policy("  shell: yes\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("for 'process.shell' (expected: decompose, off)");
        assertThatThrownBy(() -> policy("  shell: always\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown value 'always' for 'process.shell' (expected: decompose, off)");
        assertThat(policy("  shell: off\n").shellStarts().enabled()).isFalse();
        assertThat(policy("  shell: \"off\"\n").shellStarts().enabled()).isFalse();
    }
}
