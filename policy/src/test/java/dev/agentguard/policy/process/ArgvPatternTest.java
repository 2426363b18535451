package dev.agentguard.policy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgvPatternTest {
    @TempDir
    Path tmp;
    String path;
    String git;

    @BeforeEach
    void fakeGitOnPath() {
        Path bin = Fs.dir(tmp, "bin");
        git = Fs.real(Fs.exe(bin, "git"));
        path = bin.toString();
    }

    private ArgvPattern p(String... elements) throws PatternException {
        return ArgvPattern.compile(List.of(elements), path);
    }

    private static String[] argv(String... a) {
        return a;
    }

    @Test
    void exactArguments() throws Exception {
        ArgvPattern status = p("git", "status");
        assertThat(status.matches(git, argv("git", "status"))).isTrue();
        assertThat(status.matches(git, argv("/any/path/git", "status"))).isTrue(); // only its file name counts
        assertThat(status.matches(git, argv("other", "status"))).isFalse();
        assertThat(status.matches(git, new String[0])).isFalse();
        assertThat(status.matches(git, argv("git"))).isFalse();
        assertThat(status.matches(git, argv("git", "status", "-s"))).isFalse();
        assertThat(status.matches(git, argv("git", "Status"))).isFalse();
        assertThat(status.matches(null, argv("git", "status"))).isFalse();
        assertThat(status.matches(git, new String[] {"git", null})).isFalse();
        assertThat(status.program().resolved()).isEqualTo(git);
    }

    @Test
    void sameNameElsewhereIsNotTheGrantedProgram() throws Exception {
        Path evil = Fs.exe(Fs.dir(tmp, "x"), "git");
        String evilReal = ProgramResolver.resolve("./x/git", path, tmp.toString());
        assertThat(evilReal).isEqualTo(Fs.real(evil));
        assertThat(p("git", "status").matches(evilReal, argv("git", "status"))).isFalse();
        // Even when the application's own PATH would find it: the JVM's PATH is what counts.
        assertThat(ProgramResolver.resolve("git", path, evil.getParent().toString())).isEqualTo(git);
    }

    @Test
    void symlinkedProgramMatchesItsTarget() throws Exception {
        Fs.link(tmp.resolve("links/git"), Path.of(git));
        String viaLink = ProgramResolver.resolve(tmp + "/links/git", path, "/");
        assertThat(viaLink).isEqualTo(git);
        assertThat(p("git", "status").matches(viaLink, argv(tmp + "/links/git", "status"))).isTrue();
        ArgvPattern byLink = ArgvPattern.compile(List.of(tmp + "/links/git", "status"), "");
        assertThat(byLink.program().resolved()).isEqualTo(git);
        assertThat(byLink.matches(git, argv("git", "status"))).isTrue();
    }

    @Test
    void multiCallProgramIsGrantedOnlyUnderTheWrittenName() throws Exception {
        // busybox-style: ls and rm are links to one file that acts on argv[0].
        Path box = Fs.exe(Fs.dir(tmp, "box"), "multi");
        Path bin2 = Fs.dir(tmp, "bin2");
        Fs.link(bin2.resolve("ls"), box);
        Fs.link(bin2.resolve("rm"), box);
        ArgvPattern ls = ArgvPattern.compile(List.of("ls", "**"), bin2.toString());
        String real = Fs.real(box);
        assertThat(ls.program().resolved()).isEqualTo(real);
        assertThat(ProgramResolver.resolve("rm", bin2.toString(), "/")).isEqualTo(real);
        assertThat(ls.matches(real, argv("ls", "-la"))).isTrue();
        assertThat(ls.matches(real, argv(bin2 + "/ls"))).isTrue();
        assertThat(ls.matches(real, argv("rm", "-rf", "/"))).isFalse();
        assertThat(ls.matches(real, argv("multi", "rm", "-rf", "/"))).isFalse();
        // A glob grants by path only.
        ArgvPattern glob = ArgvPattern.compile(List.of(Fs.real(tmp) + "/box/*", "**"), "");
        assertThat(glob.matches(real, argv("rm", "x"))).isTrue();
    }

    @Test
    void relativeToolAgainstChildDirectory() throws Exception {
        Path work = Fs.dir(tmp, "work");
        Path tool = Fs.exe(work, "tool");
        ArgvPattern grant = ArgvPattern.compile(List.of(tool.toString(), "**"), path);
        String resolved = ProgramResolver.resolve("./tool", path, work.toString());
        assertThat(grant.matches(resolved, argv("./tool", "a"))).isTrue();
        assertThat(grant.matches(ProgramResolver.resolve("./tool", path, tmp.toString()), argv("./tool"))).isFalse();
    }

    @Test
    void finalDoubleStarMatchesAnyRemainingArguments() throws Exception {
        ArgvPattern diff = p("git", "diff", "**");
        assertThat(diff.matches(git, argv("git", "diff"))).isTrue();
        assertThat(diff.matches(git, argv("git", "diff", "a"))).isTrue();
        assertThat(diff.matches(git, argv("git", "diff", "--stat", "HEAD~1", "--", "src/x y"))).isTrue();
        assertThat(diff.matches(git, argv("git"))).isFalse();
        assertThat(diff.matches(git, argv("git", "log", "diff"))).isFalse();
        ArgvPattern any = p("git", "**");
        assertThat(any.matches(git, argv("git"))).isTrue();
        assertThat(any.matches(git, argv("git", "push", "--force"))).isTrue();
    }

    @Test
    void argumentGlobs() throws Exception {
        ArgvPattern star = p("git", "--format=*");
        assertThat(star.matches(git, argv("git", "--format=%H"))).isTrue();
        assertThat(star.matches(git, argv("git", "--format="))).isTrue();
        assertThat(star.matches(git, argv("git", "--format=a/b/c"))).isTrue(); // '*' crosses '/'
        assertThat(star.matches(git, argv("git", "--pretty=x"))).isFalse();

        ArgvPattern one = p("git", "-?");
        assertThat(one.matches(git, argv("git", "-v"))).isTrue();
        assertThat(one.matches(git, argv("git", "-😀"))).isTrue(); // one code point
        assertThat(one.matches(git, argv("git", "-vv"))).isFalse();
        assertThat(one.matches(git, argv("git", "-"))).isFalse();

        ArgvPattern mid = p("git", "a*b*c");
        assertThat(mid.matches(git, argv("git", "abc"))).isTrue();
        assertThat(mid.matches(git, argv("git", "axxbyybzc"))).isTrue();
        assertThat(mid.matches(git, argv("git", "axxbyy"))).isFalse();
        assertThat(mid.matches(git, argv("git", "abcd"))).isFalse();
    }

    @Test
    void braces() throws Exception {
        ArgvPattern log = p("git", "{log,show}", "--{oneline,stat}", "{,-v}");
        assertThat(log.matches(git, argv("git", "log", "--oneline", ""))).isTrue();
        assertThat(log.matches(git, argv("git", "show", "--stat", "-v"))).isTrue();
        assertThat(log.matches(git, argv("git", "blame", "--stat", "-v"))).isFalse();
        ArgvPattern nested = p("git", "{a{1,2},b}");
        assertThat(nested.matches(git, argv("git", "a2"))).isTrue();
        assertThat(nested.matches(git, argv("git", "b"))).isTrue();
        assertThat(nested.matches(git, argv("git", "a"))).isFalse();
        ArgvPattern comma = p("git", "a,b");
        assertThat(comma.matches(git, argv("git", "a,b"))).isTrue();
    }

    @Test
    void escapes() throws Exception {
        ArgvPattern lit = p("git", "\\*", "\\{a,b\\}", "a\\\\b", "\\?");
        assertThat(lit.matches(git, argv("git", "*", "{a,b}", "a\\b", "?"))).isTrue();
        assertThat(lit.matches(git, argv("git", "x", "{a,b}", "a\\b", "?"))).isFalse();
        assertThat(lit.matches(git, argv("git", "*", "a", "a\\b", "?"))).isFalse();
        assertThat(lit.matches(git, argv("git", "*", "{a,b}", "a\\b", "x"))).isFalse();
        ArgvPattern twoStars = p("git", "\\*\\*");
        assertThat(twoStars.matches(git, argv("git", "**"))).isTrue();
        assertThat(twoStars.matches(git, argv("git", "x"))).isFalse();
    }

    @Test
    void globProgram() throws Exception {
        ArgvPattern any = ArgvPattern.compile(List.of(tmp + "/bin/*", "--version"), "");
        assertThat(any.matches(git, argv("git", "--version"))).isTrue();
        assertThat(any.matches("/usr/bin/git", argv("git", "--version"))).isFalse();
    }

    @Test
    void textAndDescribe() throws Exception {
        assertThat(p("git", "diff", "**").text()).isEqualTo("git diff **");
        assertThat(p("git", "commit", "-m", "a b", "").text()).isEqualTo("git commit -m \"a b\" \"\"");
        assertThat(p("git", "diff", "**").describe()).isEqualTo("git diff **");
        ArgvPattern missing = ArgvPattern.compile(List.of("git", "status"), "/nonexistent");
        assertThat(missing.describe()).isEqualTo("git (not found on PATH when the policy loaded) status");
        assertThat(missing.program().describe()).isEqualTo("git (not found on PATH when the policy loaded)");
        assertThat(missing.matches("/usr/bin/git", argv("git", "status"))).isFalse();
        assertThat(missing.elements()).containsExactly("git", "status");
    }

    @Test
    void denyMatchingIsLooserOnBareNames() throws Exception {
        ArgvPattern push = p("git", "push", "**");
        String evil = Fs.real(Fs.exe(Fs.dir(tmp, "x"), "git"));
        assertThat(push.matches(evil, argv("/tmp/x/git", "push"))).isFalse();
        assertThat(push.matchesForDeny(evil, argv("/tmp/x/git", "push"))).isTrue();
        assertThat(push.matchesForDeny(Fs.real(Fs.exe(tmp, "renamed")), argv("git", "push"))).isTrue();
        assertThat(push.matchesForDeny(null, argv("git", "push", "-f"))).isTrue();
        assertThat(push.matchesForDeny(evil, argv("git", "pull"))).isFalse();
        assertThat(push.matchesForDeny("/usr/bin/gitk", argv("gitk", "push"))).isFalse();
        ArgvPattern notFound = ArgvPattern.compile(List.of("rm", "-rf", "**"), "/nonexistent");
        assertThat(notFound.matchesForDeny("/usr/bin/rm", argv("rm", "-rf", "/"))).isTrue();
        ArgvPattern abs = ArgvPattern.compile(List.of(git, "push"), "");
        assertThat(abs.matchesForDeny(evil, argv("git", "push"))).isFalse();
    }

    @Test
    void errors() {
        assertError(List.of(), "an argv pattern needs at least one element, the program");
        assertThatThrownBy(() -> ArgvPattern.compile(null, path)).isInstanceOf(PatternException.class)
                .hasMessage("an argv pattern needs at least one element, the program");
        assertError(java.util.Arrays.asList("git", null), "element 1 is null; every element must be a string");
        assertError(List.of("", "status"), "the program (first element) cannot be empty");
        assertError(List.of("./git", "status"), "program './git' is a relative path; write a bare name"
                + " (searched on PATH) or an absolute path");
        assertError(List.of("git", "**", "x"), "argument 1 '**': '**' is only allowed as the whole last element,"
                + " where it matches any remaining arguments; within one argument '*' already matches any characters");
        assertError(List.of("git", "a**"), "argument 1 'a**': '**' is only allowed as the whole last element,"
                + " where it matches any remaining arguments; within one argument '*' already matches any characters");
        assertError(List.of("git", "log", "{a,b"), "argument 2 '{a,b': unclosed '{' (write '\\{' for a literal brace)");
        assertError(List.of("git", "a}"), "argument 1 'a}': '}' without a matching '{' (write '\\}' for a literal brace)");
        assertError(List.of("git", "a\\"), "argument 1 'a\\': ends with a lone '\\' (write '\\\\' for a backslash)");
    }

    private void assertError(List<String> elements, String message) {
        assertThatThrownBy(() -> ArgvPattern.compile(elements, path))
                .isInstanceOf(PatternException.class).hasMessage(message);
    }
}
