package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The prefiltered deny rules must name the rule a rule-by-rule check in policy order names. */
class DenyRulesTest {
    private static final String[] PATTERNS = {
            "/h/.ssh/**", "**/.env", "**/{.env.*,*.bak}", "**/*.pem", "/h/.netrc", "**/id_rsa*", "**/*secret*",
            "**/*", "**/?x", "**/*s?cr*t*", "/a/**/b", "**/credentials*", "**/\u00e9*", "**/*\u0169",
            "**/.env",
    };
    private static final String[] NAMES = {
            "a", "b", "h", ".ssh", ".netrc", "", ".env", ".envrc", ".env.local", "x.bak", "my-secret-dir", "secre",
            "sacret", "id_rsa", "xid_rsa", "k.pem", "pem", "credentials.json", "\u00e9t\u00e9", "i", "ix", "xx",
            "\u0169", "a\u0169", "\u0169a", "i\u0169",
    };

    private static List<PathRule> rules(int count) throws PatternException {
        List<PathRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String p = PATTERNS[i % PATTERNS.length];
            rules.add(PathRule.compile("files.deny[" + i + "]", p, p));
        }
        return rules;
    }

    private static int oneByOne(List<PathRule> rules, String path) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).glob().matchesSelfOrAncestor(path)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void namesTheFirstMatchingRuleInPolicyOrder() throws PatternException {
        // more than 64 rules: those past the 64th are tried one by one
        for (int count : new int[] {0, 1, 2, 7, PATTERNS.length, 70}) {
            List<PathRule> rules = rules(count);
            // without "**/*" and "**/?x" most paths match no rule, so the filter's "no" is exercised too
            List<PathRule> selective = new ArrayList<>(rules);
            selective.removeIf(r -> r.written().equals("**/*") || r.written().equals("**/?x"));
            for (List<PathRule> list : List.of(rules, selective)) {
                DenyRules deny = new DenyRules(list);
                Random random = new Random(7 + count);
                for (int i = 0; i < 5_000; i++) {
                    String path = randomPath(random);
                    assertThat(deny.first(path, list.size())).as("%s in %s rules", path, list.size())
                            .isEqualTo(oneByOne(list, path));
                }
            }
        }
    }

    @Test
    void stopsBeforeTheLimit() throws PatternException {
        DenyRules deny = new DenyRules(rules(PATTERNS.length));
        assertThat(deny.first("/w/.env", 1)).isEqualTo(-1);
        assertThat(deny.first("/w/.env", 2)).isEqualTo(1);
        assertThat(deny.first("/w/k.pem", PATTERNS.length)).isEqualTo(3);
        assertThat(deny.first("/", PATTERNS.length)).isEqualTo(-1);
        assertThat(deny.first("relative/.env", PATTERNS.length)).isEqualTo(-1);
    }

    private static String randomPath(Random random) {
        int depth = random.nextInt(5);
        if (depth == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            sb.append('/').append(NAMES[random.nextInt(NAMES.length)]);
        }
        return sb.toString();
    }
}
