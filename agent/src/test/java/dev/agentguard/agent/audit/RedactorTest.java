package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // AWS access key ids
        "key AKIAIOSFODNN7EXAMPLE used | key [REDACTED] used",
        "ASIAIOSFODNN7EXAMPLE | [REDACTED]",
        // OpenAI-style keys
        "sk-abcdefghijklmnopqrstuvwxyz | [REDACTED]",
        "x sk-proj-Ab_cd-EF0123456789xyzXYZ y | x [REDACTED] y",
        // GitHub
        "ghp_0123456789abcdefghijABCDEFGHIJ012345 | [REDACTED]",
        "gho_0123456789abcdefghijABCDEFGHIJ012345 | [REDACTED]",
        "ghs_0123456789abcdefghij0123 | [REDACTED]",
        "ghu_0123456789abcdefghij0123 | [REDACTED]",
        "ghr_0123456789abcdefghij0123 | [REDACTED]",
        "git clone github_pat_11ABCDEFG0123456789_abcdefghijklmnop | git clone [REDACTED]",
        // Slack
        "xoxb-123456789012-abcdefABCDEF | [REDACTED]",
        "xoxp-1234567890-1234 | [REDACTED]",
        // Bearer keeps the word
        "Authorization: Bearer eyJhbGciOi.J9.abc-_~+/== tail | Authorization: Bearer [REDACTED] tail",
        "bearer abcdef123 | bearer [REDACTED]",
        "Authorization: Basic dXNlcjpwYXNzd29yZA== | Authorization: Basic [REDACTED]",
        // URL user-info
        "https://user:pass@example.com/x | https://[REDACTED]@example.com/x",
        "curl ftp://anonymous@ftp.example.org | curl ftp://[REDACTED]@ftp.example.org",
        // query parameters
        "https://h/p?api_key=abc&x=1 | https://h/p?api_key=[REDACTED]&x=1",
        "https://h/p?x=1&access_token=abc | https://h/p?x=1&access_token=[REDACTED]",
        "/p?Password=abc#frag | /p?Password=[REDACTED]",
        "/p?apikey=1&secret=2&page=3 | /p?apikey=[REDACTED]&secret=[REDACTED]&page=3",
        // flags
        "tool --password hunter2 --verbose | tool --password [REDACTED] --verbose",
        "tool --password=hunter2 --verbose | tool --password=[REDACTED] --verbose",
        "tool -token=abc | tool -token=[REDACTED]",
        "tool -pwd abc | tool -pwd [REDACTED]",
        "keytool -storepass changeit | keytool -storepass [REDACTED]",
        "java -Djavax.net.ssl.keyStorePassword=secret1 Main | java -Djavax.net.ssl.keyStorePassword=[REDACTED] Main",
        "tool --auth \"a b c\" x | tool --auth [REDACTED] x",
        "tool --credential='a b' x | tool --credential=[REDACTED] x",
        // env-style assignments
        "OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz | OPENAI_API_KEY=[REDACTED]",
        "env DB_PASSWD=pa55 PGPWD=x run | env DB_PASSWD=[REDACTED] PGPWD=[REDACTED] run",
        "GITHUB_TOKEN=abc | GITHUB_TOKEN=[REDACTED]",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG | AWS_SECRET_ACCESS_KEY=[REDACTED]",
    })
    void redacts(String input, String expected) {
        assertThat(Redactor.redact(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "AKIAIOSFODNN7EXAMPL",                   // 15 characters after AKIA
        "AKIAiosfodnn7example",                  // lower case
        "sk-abcdefghijklmnopqrs",                // 19 after sk-
        "/tmp/task-abcdefghijklmnopqrstuvwxyz",  // sk- inside a word
        "ghp_short",
        "ghx_0123456789abcdefghijABCDEFGHIJ",    // not a GitHub prefix
        "github_pat_short",
        "xoxz-123456789012-abcdef",              // not a Slack token type
        "xoxb-12345",                            // too short
        "Bearer",                                // no token
        "bearerish abc",                         // not the word
        "https://example.com/a@b",               // @ in the path, no user-info
        "mail user@example.com",                 // no scheme
        "https://h/p?page=2&sort=name",          // no secret-like parameter
        "tool --verbose hunter2",                // no secret-like flag
        "PATH=/usr/bin HOME=/root",              // no secret-like variable
        "api key rotated",                       // a word, not a flag or assignment
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "/home/user/.ssh/id_rsa.pub",
    })
    void leavesNearMissesAlone(String input) {
        assertThat(Redactor.redact(input)).isSameAs(input);
    }

    @Test
    void redactsWholePrivateKeyBlock() {
        String pem = "before -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY----- after";
        assertThat(Redactor.redact(pem)).isEqualTo("before [REDACTED] after");
    }

    @Test
    void redactsTruncatedPrivateKeyBlockToTheEnd() {
        String pem = "x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk";
        assertThat(Redactor.redact(pem)).isEqualTo("x [REDACTED]");
    }

    @Test
    void redactsSeveralSecretsInOneText() {
        String text = "curl -H 'Authorization: Bearer abc123' https://u:p@h/?token=t&a=1 --key k";
        assertThat(Redactor.redact(text)).isEqualTo(
                "curl -H 'Authorization: Bearer [REDACTED]' https://[REDACTED]@h/?token=[REDACTED]&a=1 --key [REDACTED]");
    }

    @Test
    void fastPathReturnsSameInstance() {
        String path = "/home/user/project/src/Main.java";
        assertThat(Redactor.mayContainSecret(path)).isFalse();
        assertThat(Redactor.redact(path)).isSameAs(path);
        assertThat(Redactor.redact("")).isSameAs("");
        assertThat(Redactor.redact(null)).isNull();
    }

    @Test
    void candidateWithoutSecretReturnsSameInstance() {
        String text = "/srv/keys/readme.txt"; // triggers the pre-check ("key"), matches nothing
        assertThat(Redactor.mayContainSecret(text)).isTrue();
        assertThat(Redactor.redact(text)).isSameAs(text);
    }

    @Test
    void aListOfVariableNamesNeedsNoPatternAndStaysTheSame() {
        // The reason of a hidden-environment record: names with secret-like words, but no '=' or '-'
        // for a name rule to take a value from. Only the name word is a trigger, which no pattern runs on.
        String names = "not granted by env.read: AWS_CA_BUNDLE, OPENAI_API_KEY, TOX_TESTENV_PASSENV";
        assertThat(Redactor.triggers(names)).isEqualTo(Redactor.NAME_WORD_SEEN);
        assertThat(Redactor.redact(names)).isSameAs(names);
    }

    @Test
    void eachRuleStillRunsWhenOnlyItsOwnTriggersArePresent() {
        assertThat(Redactor.redact("PASS=hunter2")).isEqualTo("PASS=[REDACTED]");
        assertThat(Redactor.redact("run --token abc")).isEqualTo("run --token [REDACTED]");
        assertThat(Redactor.redact("ftp://me:pw@host")).isEqualTo("ftp://[REDACTED]@host");
        assertThat(Redactor.redact("AKIAABCDEFGHIJKLMNOP")).isEqualTo("[REDACTED]");
        assertThat(Redactor.redact("xoxb-1234567890abc")).isEqualTo("[REDACTED]");
    }

    @Test
    void isIdempotent() {
        String once = Redactor.redact("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz https://a:b@h");
        assertThat(Redactor.redact(once)).isEqualTo(once);
    }

    @Test
    @Timeout(30) // linear: about 3 s interpreted on a cold JVM; quadratic would take many minutes
    void largeInputStaysLinearAndDoesNotThrow() {
        String big = "--token " + "a".repeat(200_000) + " " + "key".repeat(50_000) + " "
                + "x".repeat(200_000) + "://" + "u".repeat(100_000);
        String result = Redactor.redact(big);
        assertThat(result).startsWith("--token [REDACTED] keykey").doesNotContain("aaaa");
    }
}
