package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathGlobTest {

    private static PathGlob glob(String pattern) {
        try {
            return PathGlob.compile(pattern);
        } catch (PatternException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static void assertError(String pattern, String message) {
        assertThatThrownBy(() -> PathGlob.compile(pattern))
                .isInstanceOf(PatternException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // literal
            "/a/b          | /a/b        | true",
            "/a/b          | /a/b/c      | false",
            "/a/b          | /a/bc       | false",
            "/a/b          | /a          | false",
            "/a/b          | /A/b        | false",
            // * stays within one segment
            "/a/*          | /a/b        | true",
            "/a/*          | /a/b/c      | false",
            "/a/*          | /a          | false",
            "/a/*.txt      | /a/x.txt    | true",
            "/a/*.txt      | /a/.txt     | true",
            "/a/*.txt      | /a/x.txt.gz | false",
            "/a/*.txt      | /a/d/x.txt  | false",
            "/a/x*y*z      | /a/xyz      | true",
            "/a/x*y*z      | /a/xAyByz   | true",
            "/a/x*y*z      | /a/xAyBz/z  | false",
            "/a/x*y*z      | /a/xzy      | false",
            "/*/b          | /a/b        | true",
            "/*/b          | /a/c/b      | false",
            "/*            | /a          | true",
            "/*            | /           | false",
            "/a*           | /abc        | true",
            "/a*           | /a          | true",
            "/a*/**        | /abc/d/e    | true",
            "/a/*secret*   | /a/.secret  | true",
            "/a/*secret*   | /a/secrets  | true",
            "/a/*secret*   | /a/secre    | false",
            // ** zero, one, many segments
            "/a/**         | /a          | true",
            "/a/**         | /a/b        | true",
            "/a/**         | /a/b/c/d    | true",
            "/a/**         | /ab         | false",
            "/a/**         | /           | false",
            "/a/**/z       | /a/z        | true",
            "/a/**/z       | /a/b/z      | true",
            "/a/**/z       | /a/b/c/z    | true",
            "/a/**/z       | /a/b/c/zz   | false",
            "/a/**/z       | /a/z/b      | false",
            "/a/**/z/**    | /a/q/z/r/s  | true",
            "/a/**/b/**/c  | /a/b/c      | true",
            "/a/**/b/**/c  | /a/x/b/y/b/c| true",
            "/a/**/b/**/c  | /a/x/c/b    | false",
            "/**           | /           | true",
            "/**           | /x/y        | true",
            "/**/*.pem     | /k.pem      | true",
            // **/x at any depth
            "**/.env       | /.env       | true",
            "**/.env       | /w/.env     | true",
            "**/.env       | /w/x/y/.env | true",
            "**/.env       | /w/.envrc   | false",
            "**/.env       | /w/.env/x   | false",
            "**/*.key      | /a/b/c.key  | true",
            "**/id_rsa*    | /h/.ssh/id_rsa.pub | true",
            "**            | /anything/at/all   | true",
            "**            | /           | true",
            // ?
            "/a/?          | /a/b        | true",
            "/a/?          | /a/bc       | false",
            "/a/?          | /a          | false",
            "/a?b          | /a/b        | false",
            "/a?b          | /axb        | true",
            "/a/??.txt     | /a/ab.txt   | true",
            "/a/*?         | /a/x        | true",
            "/a/*?         | /a          | false",
            // braces
            "/a/{b,c}      | /a/b        | true",
            "/a/{b,c}      | /a/c        | true",
            "/a/{b,c}      | /a/d        | false",
            "/a/{b,c}      | /a/bc       | false",
            "/a/x{,.bak}   | /a/x        | true",
            "/a/x{,.bak}   | /a/x.bak    | true",
            "/{a/b,c}/d    | /a/b/d      | true",
            "/{a/b,c}/d    | /c/d        | true",
            "/{a/b,c}/d    | /a/d        | false",
            "/a/{b,c{d,e}} | /a/ce       | true",
            "/a/{b,c{d,e}} | /a/c        | false",
            "/{a,b}/{c,d}  | /b/c        | true",
            "{/etc/hosts,**/*.pem} | /x/y.pem | true",
            "{/etc/hosts,**/*.pem} | /etc/hosts | true",
            "/a/{*.txt,**/*.md} | /a/b/c.md | true",
            "/a/{*.txt,**/*.md} | /a/b/c.txt | false",
            // escapes
            "/a/\\*        | /a/*        | true",
            "/a/\\*        | /a/b        | false",
            "/a/\\?        | /a/?        | true",
            "/a/\\?        | /a/b        | false",
            "/a/\\{b,c\\}  | /a/{b,c}    | true",
            "/a/\\{b,c\\}  | /a/b        | false",
            "/a/{b\\,c,d}  | /a/b,c      | true",
            "/a/\\\\b      | /a/\\b      | true",
            "/a/\\**       | /a/*x       | true",
            "/a/\\**       | /a/x        | false",
            "/a/\\*\\*     | /a/**       | true",
            "/a\\/b        | /a/b        | true",
            "/a/\\b        | /a/b        | true",
            // root and normalization of the pattern
            "/             | /           | true",
            "/             | /a          | false",
            "/a/b/         | /a/b        | true",
            "//a//b//      | /a/b        | true",
            "/a/./b        | /a/b        | true",
            "/a/x/../b     | /a/b        | true",
            "/a/x/../b     | /a/x/b      | false",
            "/..           | /           | true",
            "/a/..         | /           | true",
            "**//x         | /y/x        | true",
            // a comma outside braces is literal
            "/a,b          | /a,b        | true",
            // non-normalized or relative input never matches
            "/**           | a/b         | false",
            "/**           | ''          | false",
    })
    void matches(String pattern, String path, boolean expected) {
        assertThat(glob(pattern).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} matches {1} or an ancestor: {2}")
    @CsvSource(delimiter = '|', value = {
            "/h/.ssh       | /h/.ssh             | true",
            "/h/.ssh       | /h/.ssh/id_rsa      | true",
            "/h/.ssh       | /h/.ssh/a/b         | true",
            "/h/.ssh       | /h/.sshx            | false",
            "/h/.ssh       | /h                  | false",
            "/h/.ssh/**    | /h/.ssh             | true",
            "/h/.ssh/**    | /h/.ssh/k           | true",
            "/h/.ssh/**    | /h/.sshx/k          | false",
            "**/*secret*   | /w/secrets/a/b.txt  | true",
            "**/*secret*   | /w/my-secret        | true",
            "**/*secret*   | /w/other/b.txt      | false",
            "**/.env       | /w/.env/inner       | true",
            "**/.env       | /w/env/inner        | false",
            "/w/*.d        | /w/x.d/y            | true",
            "/w/*.d        | /w/x.dy             | false",
            "/a/**/z       | /a/b/z/c/d          | true",
            "/a/**/z       | /a/b/c/d            | false",
            "/             | /                   | true",
            "/             | /any/thing          | true",
            "/{a,b/c}      | /b/c/d              | true",
            "/{a,b/c}      | /b/d                | false",
            "/a/?          | /a/b/c              | true",
            "/a/?          | /a/bc/d             | false",
            "/x            | /                   | false",
            "/**           | /                   | true",
    })
    void matchesSelfOrAncestor(String pattern, String path, boolean expected) {
        assertThat(glob(pattern).matchesSelfOrAncestor(path)).isEqualTo(expected);
    }

    @Test
    void questionMarkTakesAWholeCharacterEvenOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        assertThat(glob("/a/?").matches("/a/" + emoji)).isTrue();
        assertThat(glob("/a/??").matches("/a/" + emoji)).isFalse();
        assertThat(glob("/a/*?").matches("/a/x" + emoji)).isTrue();
        assertThat(glob("/a/" + emoji + "*").matches("/a/" + emoji + "b")).isTrue();
    }

    @Test
    void backtrackingStaysCheapOnHostileInput() {
        PathGlob g = glob("/**/a/**/a/**/a/**/a/**/b");
        String path = "/a".repeat(2000);
        long t0 = System.nanoTime();
        assertThat(g.matches(path)).isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
        PathGlob s = glob("/*a*a*a*a*a*b");
        String name = "/" + "a".repeat(5000);
        assertThat(s.matches(name)).isFalse();
    }

    @Test
    void keepsThePatternAsGiven() {
        assertThat(glob("//a/{b,c}/**/").pattern()).isEqualTo("//a/{b,c}/**/");
        assertThat(glob("/a").toString()).isEqualTo("/a");
    }

    @Test
    void escapeMakesAnyLiteralPathMatchOnlyItself() {
        String odd = "/opt/app {1},2/lib*?/x\\y.jar";
        String escaped = PathGlob.escape(odd);
        assertThat(escaped).isEqualTo("/opt/app \\{1\\}\\,2/lib\\*\\?/x\\\\y.jar");
        PathGlob g = glob(escaped);
        assertThat(g.matches(odd)).isTrue();
        assertThat(g.matches("/opt/app 1/libab/x\\y.jar")).isFalse();
    }

    @Test
    void emptyPattern() {
        assertError("", "empty path pattern");
        assertThatThrownBy(() -> PathGlob.compile(null)).hasMessage("empty path pattern");
    }

    @Test
    void relativePatterns() {
        String tail = "': a pattern must be absolute (start with / or a ${variable}) or begin with **/";
        assertError("a/b", "relative path pattern 'a/b" + tail);
        assertError("*.txt", "relative path pattern '*.txt" + tail);
        assertError("~/x", "relative path pattern '~/x" + tail);
        assertError("./x", "relative path pattern './x" + tail);
        assertError("*/x", "relative path pattern '*/x" + tail);
        assertError("{/a,b}", "relative path pattern '{/a,b}" + tail);
        assertError("{,/a}", "relative path pattern '{,/a}" + tail);
        assertError(" /a", "relative path pattern ' /a" + tail);
    }

    @Test
    void unclosedBrace() {
        assertError("/a/{b,c", "unclosed '{' in path pattern '/a/{b,c'");
        assertError("/a/{b,{c}", "unclosed '{' in path pattern '/a/{b,{c}'");
        assertError("/a/{b\\}", "unclosed '{' in path pattern '/a/{b\\}'");
    }

    @Test
    void strayClosingBrace() {
        assertError("/a/b}", "unmatched '}' in path pattern '/a/b}'");
        assertError("/a/{b}}", "unmatched '}' in path pattern '/a/{b}}'");
    }

    @Test
    void doubleStarMustBeAWholeSegment() {
        String tail = "' (as in /a/**/b); use * to match within a segment";
        assertError("/x/a**", "'**' must be a whole path segment in path pattern '/x/a**" + tail);
        assertError("/x/**a", "'**' must be a whole path segment in path pattern '/x/**a" + tail);
        assertError("/x/***", "'**' must be a whole path segment in path pattern '/x/***" + tail);
        assertError("a**", "'**' must be a whole path segment in path pattern 'a**" + tail);
        assertError("/x/{a,b**}", "'**' must be a whole path segment in path pattern '/x/{a,b**}" + tail);
    }

    @Test
    void trailingBackslash() {
        assertError("/a/b\\", "path pattern '/a/b\\' ends with '\\', which escapes nothing");
        assertError("/a/b\\\\\\", "path pattern '/a/b\\\\\\' ends with '\\', which escapes nothing");
    }

    @Test
    void dotDotAfterAWildcard() {
        assertError("/a/*/../b", "'..' after a wildcard in path pattern '/a/*/../b' has no single meaning;"
                + " write the path without it");
        assertError("**/../b", "'..' after a wildcard in path pattern '**/../b' has no single meaning;"
                + " write the path without it");
    }

    @Test
    void tooManyAlternatives() {
        String p = "/{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}";
        assertError(p, "path pattern '" + p + "' expands to more than 256 alternatives");
        String ok = "/{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}";
        assertThat(glob(ok).matches("/bdfhjlnp")).isTrue();
    }

    @Test
    void duplicateAlternativesCollapse() {
        PathGlob g = glob("/{a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a}{b,b,b,b,b,b,b,b,b,b,b,b,b,b,b,b,b,b}");
        assertThat(g.matches("/ab")).isTrue();
    }
}
