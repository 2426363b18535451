package dev.agentguard.policy.file;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two shapes matched without the segment walk ({@code **}{@code /NAME} through {@link AnyDepthName},
 * {@code /literal/**} by a prefix check) must answer exactly as the walk does: edge cases by name, then
 * many generated paths compared with {@link GlobAlternative#walk}.
 */
class FastGlobShapesTest {

    private static GlobAlternative alternative(String pattern) {
        try {
            return GlobAlternative.parse(pattern, pattern);
        } catch (PatternException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} on {1}: self {2}, self or ancestor {3}")
    @CsvSource(delimiter = '|', value = {
            "**/*secret*   | /a/my-secret-dir/x | false | true",
            "**/*secret*   | /a/my-secret-dir   | true  | true",
            "**/*secret*   | /a/secre/t         | false | false",
            "**/*secret*   | /secret            | true  | true",
            "**/*secret*   | /                  | false | false",
            "**/.env       | /a/.envrc          | false | false",
            "**/.env       | /a/x.env           | false | false",
            "**/.env       | /a/.env            | true  | true",
            "**/.env       | /.env              | true  | true",
            "**/.env       | /.env/a            | false | true",
            "**/.env       | /a/.envrc/.env     | true  | true",
            "**/.env       | /a/.envrc/.env/b   | false | true",
            "**/.env       | /a/.env/           | false | true",
            "**/.env       | /                  | false | false",
            "**/.env.*     | /a/.env.local      | true  | true",
            "**/.env.*     | /a/.env.           | true  | true",
            "**/.env.*     | /a/.env            | false | false",
            "**/*.pem      | /a/.pem            | true  | true",
            "**/*.pem      | /a/k.pem.bak       | false | false",
            "**/*.pem      | /a/k.pem.bak/c.pem | true  | true",
            "**/*.pem      | /a/pem             | false | false",
            "**/id_rsa*    | /h/.ssh/xid_rsa    | false | false",
            "**/id_rsa*    | /h/id_rsa/x        | false | true",
            "**/id_rsa*    | /h/id_rs           | false | false",
            "**/a?c        | /x/abc/y           | false | true",
            "**/a?c        | /x/ac/y            | false | false",
            "**/*          | /                  | false | false",
            "**/*          | /a                 | true  | true",
            "/a/b/**       | /a/b               | true  | true",
            "/a/b/**       | /a/b/c/d           | true  | true",
            "/a/b/**       | /a/b/              | true  | true",
            "/a/b/**       | /a/bc              | false | false",
            "/a/b/**       | /a                 | false | false",
            "/a/b/**       | /                  | false | false",
            "/**           | /                  | true  | true",
            "/**           | /a/b               | true  | true",
    })
    void edgeCases(String pattern, String path, boolean self, boolean selfOrAncestor) {
        GlobAlternative a = alternative(pattern);
        assertThat(a.matches(path, false)).as("matches").isEqualTo(self);
        assertThat(a.matches(path, true)).as("matches self or ancestor").isEqualTo(selfOrAncestor);
        assertThat(a.walk(path, false)).as("walk").isEqualTo(self);
        assertThat(a.walk(path, true)).as("walk, self or ancestor").isEqualTo(selfOrAncestor);
    }

    @Test
    void fastShapesAnswerAsTheWalkOnGeneratedPaths() {
        String[] patterns = {
                "**/.env", "**/.env.*", "**/*.pem", "**/*.key", "**/id_rsa*", "**/id_ed25519*",
                "**/credentials*", "**/*secret*", "**/*", "**/?", "**/a?c", "**/*s?cr*t*", "**/x*y*",
                "**/\\*x", "**/" + EMOJI + "*", "**/?" + EMOJI, "/a/**", "/a/b/**", "/**", "/a/.env/**",
                "/a/*/**", "/**/b/**",
        };
        String[] names = {
                "a", "b", "", ".env", ".envrc", "x.env", ".env.local", ".env.", "my-secret-dir", "secret", "secre",
                "sxcret", "id_rsa", "id_rsa.pub", "xid_rsa", "k.pem", ".pem", "pem", "c.key", "credentials",
                "credentials.json", "abc", "ac", "xy", "*x", "x", EMOJI, "a" + EMOJI, EMOJI + "b", "é",
        };
        List<GlobAlternative> alternatives = new ArrayList<>();
        for (String p : patterns) {
            alternatives.add(alternative(p));
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String path = randomPath(random, names);
            for (int k = 0; k < patterns.length; k++) {
                GlobAlternative a = alternatives.get(k);
                for (boolean orAncestor : new boolean[] {false, true}) {
                    assertThat(a.matches(path, orAncestor))
                            .as("%s on %s, or ancestor %s", patterns[k], path, orAncestor)
                            .isEqualTo(a.walk(path, orAncestor));
                }
            }
        }
    }

    private static final String EMOJI = "\uD83D\uDE00";

    /** {@code /} and 0 to 5 names, sometimes with a trailing slash (the empty name makes {@code //}). */
    private static String randomPath(Random random, String[] names) {
        int depth = random.nextInt(6);
        if (depth == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            sb.append('/').append(names[random.nextInt(names.length)]);
        }
        if (random.nextInt(10) == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    @Test
    void theFirstDenyRuleInPolicyOrderIsNamedWhateverSegmentMatches() throws PatternException {
        FileRules r = new FileRules(
                List.of(PathRule.compile("files.read[0]", "/**", "/**")), List.of(),
                List.of(PathRule.compile("files.deny[0]", "**/*.pem", "**/*.pem"),
                        PathRule.compile("files.deny[1]", "**/*secret*", "**/*secret*"),
                        PathRule.compile("files.deny[2]", "**/.env", "**/.env")),
                List.of(), List.of(), List.of());
        // .env is the shallower match, but files.deny[1] comes first in the policy
        Decision d = r.decide(FileAccess.READ, "/w/.env/my-secret/x", "/w/.env/my-secret/x");
        assertThat(d.rule()).isEqualTo("files.deny[1]");
        assertThat(d.reason()).isEqualTo(
                "/w/.env/my-secret/x is inside /w/.env/my-secret, which matches files.deny[1] '**/*secret*'");
        // a rule matching only the real form still wins over a later rule matching the given form
        d = r.decide(FileAccess.READ, "/w/.env", "/w/k.pem");
        assertThat(d.rule()).isEqualTo("files.deny[0]");
        assertThat(d.reason()).isEqualTo(
                "/w/.env resolves through a symbolic link to /w/k.pem, which matches files.deny[0] '**/*.pem'");
    }
}
