package dev.agentguard.policy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramResolverTest {
    @TempDir
    Path tmp;

    @Test
    void bareNameIsSearchedOnTheJvmPathInOrder() {
        Path a = Fs.dir(tmp, "a");
        Path b = Fs.dir(tmp, "b");
        Path git = Fs.exe(b, "git");
        Fs.exe(b, "other");
        String path = a + ":" + b;
        assertThat(ProgramResolver.resolve("git", path, tmp.toString())).isEqualTo(Fs.real(git));
        Path earlier = Fs.exe(a, "git");
        assertThat(ProgramResolver.resolve("git", path, tmp.toString())).isEqualTo(Fs.real(earlier));
    }

    @Test
    void searchSkipsWhatExecveWouldRefuse() throws Exception {
        Path a = Fs.dir(tmp, "a");
        Path b = Fs.dir(tmp, "b");
        Path c = Fs.dir(tmp, "c");
        Fs.file(a, "git", "rw-r--r--");          // not executable: EACCES, keep searching
        Files.createDirectory(b.resolve("git")); // a directory: EACCES, keep searching
        Path git = Fs.exe(c, "git");
        assertThat(ProgramResolver.resolve("git", a + ":" + b + ":/nonexistent:" + c, "/"))
                .isEqualTo(Fs.real(git));
    }

    @Test
    void bareNameIgnoresTheChildDirectoryUnlessPathSaysDot() {
        Path bin = Fs.dir(tmp, "bin");
        Path work = Fs.dir(tmp, "work");
        Path system = Fs.exe(bin, "tool");
        Path local = Fs.exe(work, "tool");
        assertThat(ProgramResolver.resolve("tool", bin.toString(), work.toString())).isEqualTo(Fs.real(system));
        // An empty PATH entry is "." in the JDK, taken after chdir into the child's directory.
        assertThat(ProgramResolver.resolve("tool", ":" + bin, work.toString())).isEqualTo(Fs.real(local));
        assertThat(ProgramResolver.resolve("tool", "." + ":" + bin, work.toString())).isEqualTo(Fs.real(local));
        assertThat(ProgramResolver.resolve("tool", bin + ":", work.toString())).isEqualTo(Fs.real(system));
        // A relative PATH entry is relative to the child's directory too.
        Path sub = Fs.exe(Fs.dir(work, "sub"), "only-here");
        assertThat(ProgramResolver.resolve("only-here", "sub", work.toString())).isEqualTo(Fs.real(sub));
    }

    @Test
    void nameWithSlashIsTakenAgainstTheChildDirectory() {
        Path work = Fs.dir(tmp, "work");
        Path tool = Fs.exe(work, "tool");
        Path nested = Fs.exe(work, "sub/tool2");
        assertThat(ProgramResolver.resolve("./tool", "/usr/bin", work.toString())).isEqualTo(Fs.real(tool));
        assertThat(ProgramResolver.resolve("sub/tool2", "/usr/bin", work.toString())).isEqualTo(Fs.real(nested));
        assertThat(ProgramResolver.resolve("./tool", "/usr/bin", tmp.toString())).isNull();
        assertThat(ProgramResolver.resolve(tool.toString(), "", "/")).isEqualTo(Fs.real(tool));
        // A name with a slash is never searched on PATH.
        assertThat(ProgramResolver.resolve("work/tool", tmp.toString(), "/")).isNull();
    }

    @Test
    void nullChildDirectoryMeansUserDir() {
        Path tool = Fs.exe(tmp, "tool");
        assertThat(ProgramResolver.resolve(tool.toString(), null, null)).isEqualTo(Fs.real(tool));
        String userDir = System.getProperty("user.dir");
        Path rel = Path.of(userDir).relativize(tmp);
        assertThat(ProgramResolver.resolve("./tool", "", rel.toString())).isEqualTo(Fs.real(tool));
    }

    @Test
    void linksAreResolvedToTheRealFile() {
        Path real = Fs.exe(Fs.dir(tmp, "real"), "prog");
        Path linkDir = Fs.link(tmp.resolve("linkdir"), tmp.resolve("real"));
        Fs.link(tmp.resolve("bin/prog"), real);
        assertThat(ProgramResolver.resolve("prog", tmp.resolve("bin").toString(), "/")).isEqualTo(Fs.real(real));
        assertThat(ProgramResolver.resolve("prog", linkDir.toString(), "/")).isEqualTo(Fs.real(real));
        Fs.link(tmp.resolve("bin/dangling"), tmp.resolve("nowhere"));
        assertThat(ProgramResolver.resolve("dangling", tmp.resolve("bin").toString(), "/")).isNull();
    }

    @Test
    void unsetPathMeansTheJdkDefault() {
        assertThat(ProgramResolver.DEFAULT_PATH).isEqualTo(":/bin:/usr/bin");
        assertThat(ProgramResolver.resolve("true", null, tmp.toString())).isEqualTo(Fs.real(Path.of("/bin/true")));
    }

    @Test
    void nothingToRun() {
        assertThat(ProgramResolver.resolve(null, "/usr/bin", "/")).isNull();
        assertThat(ProgramResolver.resolve("", "/usr/bin", "/")).isNull();
        assertThat(ProgramResolver.resolve("tr\0ue", "/usr/bin", "/")).isNull();
        assertThat(ProgramResolver.resolve("no-such-program-here", "/usr/bin", "/")).isNull();
        assertThat(ProgramResolver.resolve("true", "", "/")).isNull(); // "" is only "."
    }

    // ---- resolveForPolicy ----

    @Test
    void policyBareNameResolvesOnAbsolutePathEntriesOnly() throws Exception {
        Path bin = Fs.dir(tmp, "bin");
        Path git = Fs.exe(bin, "git");
        ProgramPattern p = ProgramResolver.resolveForPolicy("git", "relative:" + bin);
        assertThat(p.found()).isTrue();
        assertThat(p.isGlob()).isFalse();
        assertThat(p.resolved()).isEqualTo(Fs.real(git));
        assertThat(p.describe()).isEqualTo("git");
        assertThat(p.matches(Fs.real(git))).isTrue();
        assertThat(p.matches(git.toString() + "x")).isFalse();
        assertThat(p.matches(null)).isFalse();

        // A relative entry (here one leading to a dir with a "tool") is not searched at load.
        Fs.exe(tmp, "tool");
        String rel = Path.of(System.getProperty("user.dir")).relativize(tmp).toString();
        assertThat(ProgramResolver.resolve("tool", rel, null)).isEqualTo(Fs.real(tmp.resolve("tool")));
        assertThat(ProgramResolver.resolveForPolicy("tool", ":.:" + rel).found()).isFalse();
    }

    @Test
    void policyBareNameNotFoundIsNotAnError() throws Exception {
        ProgramPattern p = ProgramResolver.resolveForPolicy("git", tmp.toString());
        assertThat(p.found()).isFalse();
        assertThat(p.resolved()).isNull();
        assertThat(p.describe()).isEqualTo("git (not found on PATH when the policy loaded)");
        assertThat(p.matches("/usr/bin/git")).isFalse();
    }

    @Test
    void policyAbsolutePathResolvesThroughLinks() throws Exception {
        ProgramPattern p = ProgramResolver.resolveForPolicy("/bin/true", "");
        assertThat(p.resolved()).isEqualTo(Fs.real(Path.of("/usr/bin/true")));
        assertThat(p.matches(Fs.real(Path.of("/usr/bin/true")))).isTrue();
        assertThat(p.describe()).isEqualTo("/bin/true");

        ProgramPattern missing = ProgramResolver.resolveForPolicy(tmp + "/nope", "");
        assertThat(missing.found()).isFalse();
        assertThat(missing.describe()).isEqualTo(tmp + "/nope (not an executable file when the policy loaded)");
    }

    @Test
    void policyGlobMatchesResolvedPrograms() throws Exception {
        Path bin = Fs.dir(tmp, "bin");
        String real = Fs.real(bin);
        ProgramPattern p = ProgramResolver.resolveForPolicy(bin + "/py*", "");
        assertThat(p.isGlob()).isTrue();
        assertThat(p.found()).isTrue();
        assertThat(p.resolved()).isNull();
        assertThat(p.matches(real + "/python3")).isTrue();
        assertThat(p.matches(real + "/sub/python3")).isFalse();
        assertThat(p.matches(real + "/ruby")).isFalse();
        assertThat(p.describe()).isEqualTo(bin + "/py*");
    }

    @Test
    void policyGlobLiteralDirectoriesAreResolvedThroughLinks() throws Exception {
        // /bin/* grants /usr/bin/* where /bin links to usr/bin.
        ProgramPattern p = ProgramResolver.resolveForPolicy("/bin/tru?", "");
        assertThat(p.matches(Fs.real(Path.of("/usr/bin/true")))).isTrue();
        Path real = Fs.exe(Fs.dir(tmp, "real"), "tool");
        Fs.link(tmp.resolve("link"), tmp.resolve("real"));
        ProgramPattern viaLink = ProgramResolver.resolveForPolicy(tmp + "/link/{tool,other}", "");
        assertThat(viaLink.matches(Fs.real(real))).isTrue();
        assertThat(viaLink.matches(tmp + "/link/tool")).isTrue();
        assertThat(viaLink.matches(Fs.real(tmp) + "/real/nope")).isFalse();
    }

    @Test
    void policyGlobWithDoubleStarAndBraces() throws Exception {
        ProgramPattern any = ProgramResolver.resolveForPolicy("**/git", "");
        assertThat(any.matches("/usr/bin/git")).isTrue();
        assertThat(any.matches("/tmp/x/git")).isTrue();
        assertThat(any.matches("/git")).isTrue();
        assertThat(any.matches("/usr/bin/gitk")).isFalse();

        ProgramPattern opt = ProgramResolver.resolveForPolicy("/opt/**/bin/*", "");
        assertThat(opt.matches("/opt/bin/x")).isTrue();
        assertThat(opt.matches("/opt/a/b/bin/x")).isTrue();
        assertThat(opt.matches("/opt/a/b/bin/x/y")).isFalse();
        assertThat(opt.matches("/usr/opt/bin/x")).isFalse();

        ProgramPattern alt = ProgramResolver.resolveForPolicy("/{usr/local,opt}/bin/{git,ls}", "");
        assertThat(alt.matches("/usr/local/bin/ls")).isTrue();
        assertThat(alt.matches("/opt/bin/git")).isTrue();
        assertThat(alt.matches("/usr/bin/git")).isFalse();

        ProgramPattern everything = ProgramResolver.resolveForPolicy("**", "");
        assertThat(everything.matches("/any/thing")).isTrue();

        ProgramPattern escaped = ProgramResolver.resolveForPolicy("/opt/a\\*b", "");
        assertThat(escaped.matches("/opt/a*b")).isTrue();
        assertThat(escaped.matches("/opt/axb")).isFalse();
    }

    @Test
    void policyProgramErrors() {
        assertError(null, "the program (first element) cannot be empty");
        assertError("", "the program (first element) cannot be empty");
        assertError("gi\0t", "the program (first element) contains a NUL character");
        assertError("bin/tool", "program 'bin/tool' is a relative path; write a bare name (searched on PATH)"
                + " or an absolute path");
        assertError("./tool", "program './tool' is a relative path; write a bare name (searched on PATH)"
                + " or an absolute path");
        assertError("py*", "program 'py*': a program glob must be an absolute path or start with '**/'"
                + " (a bare program name cannot be a glob)");
        assertError("bin/*", "program 'bin/*': a program glob must be an absolute path or start with '**/'");
        assertError("/usr/**bin", "program '/usr/**bin': '**' must be a whole path segment, as in /opt/**/bin/*");
        assertError("/usr//b*", "program '/usr//b*': empty path segment in '/usr//b*'");
        assertError("/usr/bin/*/", "program '/usr/bin/*/': empty path segment in '/usr/bin/*/'");
        assertError("/usr/../b*", "program '/usr/../b*': '..' segment in '/usr/../b*'"
                + " (programs are matched by their resolved path, which has none)");
        assertError("/usr/{a,b", "program '/usr/{a,b': unclosed '{' (write '\\{' for a literal brace)");
        assertError("/usr/a}", "program '/usr/a}': '}' without a matching '{' (write '\\}' for a literal brace)");
        assertError("/usr/a\\", "program '/usr/a\\': ends with a lone '\\' (write '\\\\' for a backslash)");
        assertError("/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}",
                "program '/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}': more than 256 alternatives"
                        + " after expanding braces");
    }

    private static void assertError(String value, String message) {
        assertThatThrownBy(() -> ProgramResolver.resolveForPolicy(value, "/usr/bin"))
                .isInstanceOf(PatternException.class).hasMessage(message);
    }
}
