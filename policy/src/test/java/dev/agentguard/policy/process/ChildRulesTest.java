package dev.agentguard.policy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.env.EnvNamePattern;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deny words in order, the variables an application may set for a child, and the child's time limits. */
class ChildRulesTest {
    @TempDir
    Path tmp;
    String path;
    String git;

    @BeforeEach
    void setUp() throws Exception {
        Path bin = Fs.dir(tmp, "bin");
        git = Fs.real(Fs.exe(bin, "git"));
        path = bin.toString();
    }

    private ArgvPattern p(String... elements) throws PatternException {
        return ArgvPattern.compile(List.of(elements), path);
    }

    private static EnvNamePattern n(String text) throws PatternException {
        return EnvNamePattern.compile(text);
    }

    @Test
    void denyWordsMatchInOrderWithOtherArgumentsBetween() throws Exception {
        ProcessRules rules = ProcessRules.of(List.of(p("git", "**")), List.of(p("git", "push", "--force", "**")));
        for (String[] argv : new String[][] {
            {"git", "push", "--force"},
            {"git", "push", "origin", "--force"},
            {"git", "-c", "x=y", "push", "--force"},
            {"git", "push", "--force", "origin", "main"},
            {"git", "-C", "/w", "push", "-v", "origin", "--force", "--tags"},
        }) {
            Decision d = rules.decide(git, argv);
            assertThat(d.allowed()).as(String.join(" ", argv)).isFalse();
            assertThat(d.rule()).isEqualTo("process.deny[0]");
            assertThat(d.reason()).contains("is denied by process.deny[0]: git push --force **");
        }
        for (String[] argv : new String[][] {
            {"git", "push", "origin"},
            {"git", "--force", "push"},                  // the words in the other order
            {"git", "push", "-f"},                       // an alias no deny list foresees: allow-lists are the control
            {"git", "push", "--force-with-lease"},
            {"git", "status"},
        }) {
            assertThat(rules.decide(git, argv).allowed()).as(String.join(" ", argv)).isTrue();
        }
    }

    @Test
    void aDenyEntryWithoutTrailingStarsStillMatchesMoreArguments() throws Exception {
        ProcessRules rules = ProcessRules.of(List.of(p("git", "**")), List.of(p("git", "push")));
        assertThat(rules.decide(git, new String[] {"git", "push", "origin", "main"}).allowed()).isFalse();
        assertThat(rules.decide(git, new String[] {"git", "pull"}).allowed()).isTrue();
        // Globs per word keep working, and the same word cannot serve twice.
        ProcessRules twice = ProcessRules.of(List.of(p("git", "**")), List.of(p("git", "rm", "rm")));
        assertThat(twice.decide(git, new String[] {"git", "rm", "x"}).allowed()).isTrue();
        assertThat(twice.decide(git, new String[] {"git", "rm", "x", "rm"}).allowed()).isFalse();
    }

    @Test
    void aGlobDoesNotPassTheInterpreterVariablesOfAFamily() throws Exception {
        // A rule env: [GIT_*, LUA_*, npm_*, "*"] passes GIT_AUTHOR_NAME, not the variables that name a file git
        // writes (all GIT_TRACE*), Lua's versioned init code, npm's lower-case configuration, or options of
        // tools that name commands.
        ArgvPattern any = p("git", "**").withOptions(
                new ExecOptions(List.of(n("GIT_*"), n("LUA_*"), n("npm_*"), n("*")), 0, true));
        ProcessRules rules = ProcessRules.of(List.of(any), List.of());
        Decision start = rules.decide(git, new String[] {"git", "status"});
        assertThat(rules.decideVariable(start, "GIT_AUTHOR_NAME", "git status").allowed()).isTrue();
        for (String name : List.of("GIT_TRACE_PERFORMANCE", "GIT_TRACE2_PERF", "GIT_TRACE_SETUP", "GIT_TRACE",
                "GIT_ALLOW_PROTOCOL", "LUA_INIT_5_4", "LUA_PATH_5_4", "npm_config_script_shell",
                "npm_config_userconfig", "TAR_OPTIONS", "MAKEFLAGS", "GOFLAGS", "RSYNC_RSH", "GLIBC_TUNABLES")) {
            Decision d = rules.decideVariable(start, name, "git status");
            assertThat(d.allowed()).as(name).isFalse();
            assertThat(d.reason()).as(name).contains(name + " makes a program load or run code");
        }
    }

    @Test
    void variablesTheApplicationSetsNeedAGrant() throws Exception {
        ArgvPattern status = p("git", "status");
        ArgvPattern diff = p("git", "diff", "**").withOptions(
                new ExecOptions(List.of(n("GIT_DIR"), n("GIT_*"), n("MY_*")), 0, true));
        ProcessRules rules = ProcessRules.of(List.of(status, diff), List.of(),
                new ProcessRules.Lifecycle(0, false, List.of(n("LANG"), n("GIT_*"), n("*"))));
        Decision plain = rules.decide(git, new String[] {"git", "status"});
        Decision withEnv = rules.decide(git, new String[] {"git", "diff"});
        assertThat(rules.decideVariable(plain, "LANG", "git status").rule()).isEqualTo("process.env.pass");
        // An interpreter variable: never by process.env.pass, even through "*" and "GIT_*".
        Decision gitDir = rules.decideVariable(plain, "GIT_DIR", "git status");
        assertThat(gitDir.allowed()).isFalse();
        assertThat(gitDir.rule()).isEqualTo("process.env");
        assertThat(gitDir.reason()).contains("GIT_DIR").contains("process.exec[0]").contains("env:");
        for (String name : List.of("GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_SSH_COMMAND", "GIT_EXTERNAL_DIFF",
                "PAGER", "EDITOR", "BASH_ENV", "ENV", "PYTHONSTARTUP", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS",
                "JDK_JAVA_OPTIONS", "PERL5OPT", "RUBYOPT", "LD_PRELOAD", "BASH_FUNC_ls%%", "HOME", "PATH")) {
            assertThat(rules.decideVariable(plain, name, "git status").allowed()).as(name).isFalse();
            assertThat(InterpreterVariables.contains(name)).as(name).isTrue();
        }
        // The rule names GIT_DIR exactly: passed. GIT_* there is a glob: GIT_CONFIG_COUNT is still refused.
        assertThat(rules.decideVariable(withEnv, "GIT_DIR", "git diff").allowed()).isTrue();
        assertThat(rules.decideVariable(withEnv, "GIT_CONFIG_COUNT", "git diff").allowed()).isFalse();
        assertThat(rules.decideVariable(withEnv, "MY_FLAG", "git diff").rule()).isEqualTo("process.exec[1]");
        // Nothing grants it: the message says which key to add.
        ProcessRules strict = ProcessRules.of(List.of(status), List.of());
        Decision lang = strict.decideVariable(strict.decide(git, new String[] {"git", "status"}), "LANG", "git status");
        assertThat(lang.allowed()).isFalse();
        assertThat(lang.reason()).contains("process.env.pass");
    }

    @Test
    void timeoutsComeFromTheRuleOrTheSection() throws Exception {
        ArgvPattern quick = p("git", "status").withOptions(new ExecOptions(List.of(), 2_000, true));
        ProcessRules rules = ProcessRules.of(List.of(quick, p("git", "diff")), List.of(),
                new ProcessRules.Lifecycle(60_000, false, List.of()));
        assertThat(rules.timeoutMillis(rules.decide(git, new String[] {"git", "status"}))).isEqualTo(2_000);
        assertThat(rules.timeoutMillis(rules.decide(git, new String[] {"git", "diff"}))).isEqualTo(60_000);
        assertThat(rules.options(rules.decide(git, new String[] {"git", "diff"}))).isSameAs(ExecOptions.PLAIN);
    }

    @Test
    void timeoutSyntax() throws Exception {
        assertThat(Timeout.parseMillis("250ms")).isEqualTo(250);
        assertThat(Timeout.parseMillis("30s")).isEqualTo(30_000);
        assertThat(Timeout.parseMillis("10m")).isEqualTo(600_000);
        assertThat(Timeout.parseMillis("2h")).isEqualTo(7_200_000);
        assertThat(Timeout.describe(90_000)).isEqualTo("90s");
        for (String bad : List.of("", "10", "s", "-1s", "1.5s", "0s", "10 min", "8d", "200h", "1S")) {
            assertThatThrownBy(() -> Timeout.parseMillis(bad)).as(bad).isInstanceOf(PatternException.class);
        }
    }
}
