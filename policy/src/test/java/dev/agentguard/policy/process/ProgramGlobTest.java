package dev.agentguard.policy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

/** What ProgramGlob adds to the file path glob it builds on. */
class ProgramGlobTest {
    @Test
    void escapesThatPathGlobWouldNormalizeAreRejected() {
        // A resolved program path has no such segment; the file glob would silently drop or join them.
        assertError("/usr/\\./bin/x*", "p: '\\.' segment in '/usr/\\./bin/x*'"
                + " (programs are matched by their resolved path, which has none)");
        assertError("/usr/a/\\.\\./b*", "p: '\\.\\.' segment in '/usr/a/\\.\\./b*'"
                + " (programs are matched by their resolved path, which has none)");
        assertError("/usr\\/bin/*", "p: 'usr\\/bin' segment in '/usr\\/bin/*' escapes a '/',"
                + " which a path segment cannot contain");
    }

    @Test
    void anEmptyAlternativeFailsWithTheFileGlobReason() {
        assertError("{,/usr/x*}", "p: empty path pattern");
    }

    @Test
    void onlyAbsolutePathsMatch() throws Exception {
        ProgramGlob any = ProgramGlob.compile("**/git", "p");
        assertThat(any.matches("/x/git")).isTrue();
        assertThat(any.matches("x/git")).isFalse();
    }

    private static void assertError(String glob, String message) {
        assertThatThrownBy(() -> ProgramGlob.compile(glob, "p"))
                .isInstanceOf(PatternException.class).hasMessage(message);
    }
}
