package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstCharIndexTest {

    @Test
    void literalPrefixIsWhatEveryAlternativeStartsWith() throws PatternException {
        assertThat(PathGlob.compile("/home/u/.ssh/**").literalPrefix()).isEqualTo("/home/u/.ssh");
        assertThat(PathGlob.compile("/tmp/agent-*/**").literalPrefix()).isEqualTo("/tmp/agent-");
        assertThat(PathGlob.compile("/{a,b}/x").literalPrefix()).isEqualTo("/");
        assertThat(PathGlob.compile("/ab{c,d}").literalPrefix()).isEqualTo("/ab");
        assertThat(PathGlob.compile("{/etc/hosts,**/*.pem}").literalPrefix()).isEmpty();
        assertThat(PathGlob.compile("**/.env").literalPrefix()).isEmpty();
        assertThat(PathGlob.compile("/").literalPrefix()).isEqualTo("/");
    }

    @Test
    void rulesOutOnlyGlobsWhosePrefixHasAnotherSecondCharacter() throws PatternException {
        PathGlob[] globs = {
                PathGlob.compile("/home/u/.ssh/**"), PathGlob.compile("/proc/*/mem"), PathGlob.compile("**/.env"),
                PathGlob.compile("/{a,b}/x"), PathGlob.compile("/\u00e9t\u00e9/**"),
        };
        FirstCharIndex index = new FirstCharIndex(globs);
        long home = index.candidates("/home/u/.ssh/id_rsa");
        assertThat(FirstCharIndex.mayMatch(home, 0)).isTrue();
        assertThat(FirstCharIndex.mayMatch(home, 1)).isFalse();
        assertThat(FirstCharIndex.mayMatch(home, 2)).isTrue();
        assertThat(FirstCharIndex.mayMatch(home, 3)).isTrue();
        assertThat(FirstCharIndex.mayMatch(home, 4)).isFalse();
        assertThat(FirstCharIndex.mayMatch(index.candidates("/\u00e9t\u00e9/x"), 4)).isTrue();
        long root = index.candidates("/");
        assertThat(FirstCharIndex.mayMatch(root, 0)).isFalse();
        assertThat(FirstCharIndex.mayMatch(root, 2)).isTrue();
        assertThat(FirstCharIndex.mayMatch(root, 64)).as("past the 64th glob").isTrue();
    }
}
