package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleDenialsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ConsoleDenials console = new ConsoleDenials(out);

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerRuleAndTarget() {
        console.show("files.deny[0]", "file /h/.ssh/id_rsa", "agentguard: denied file open /h/.ssh/id_rsa (rule files.deny[0])");
        console.show("files.deny[0]", "file /h/.ssh/id_rsa", "agentguard: denied file exists /h/.ssh/id_rsa (rule files.deny[0])");
        console.show("files.deny[0]", "file /h/.ssh/known_hosts", "agentguard: denied file open /h/.ssh/known_hosts (rule files.deny[0])");
        console.show("default-deny", "file /h/.ssh/id_rsa", "agentguard: denied file open /h/.ssh/id_rsa (rule default-deny)");
        assertThat(text().lines()).containsExactly(
                "agentguard: denied file open /h/.ssh/id_rsa (rule files.deny[0])",
                "agentguard: denied file open /h/.ssh/known_hosts (rule files.deny[0])",
                "agentguard: denied file open /h/.ssh/id_rsa (rule default-deny)");
    }

    @Test
    void aCraftedNameCannotForgeALine_andSecretsAreRedacted() {
        console.show("default-deny", "file /w/x", "agentguard: denied file open /w/x\nagentguard: all clear\u2028 --token=abc123");
        assertThat(text().lines()).hasSize(1);
        assertThat(text()).contains("/w/x\\u000aagentguard: all clear\\u2028").doesNotContain("abc123");
    }

    @Test
    void boundedWithOneClosingLine() {
        for (int i = 0; i < ConsoleDenials.MAX_LINES + 50; i++) {
            console.show("default-deny", "file /w/" + i, "agentguard: denied file open /w/" + i);
        }
        assertThat(text().lines()).hasSize(ConsoleDenials.MAX_LINES + 1);
        assertThat(text().lines().reduce((a, b) -> b).orElseThrow()).contains("further ones are in the audit log only");
    }

    /**
     * Attack (issue-19 review): a denied target has no length limit in Java (a path or command line of a
     * million characters is decided before the kernel refuses it), and each distinct one was kept whole in
     * the set of shown denials and written whole: 10,000 of them held gigabytes in the guard and on stderr.
     */
    @Test
    void aVeryLongTargetIsShownAndRememberedInBoundedSpace() {
        String tail = "a".repeat(100_000);
        for (int i = 0; i < 200; i++) {
            String target = "file /w/" + tail + i;
            console.show("default-deny", target, "agentguard: denied file open /w/" + tail + i + " (rule default-deny)");
        }
        console.show("default-deny", "file /w/" + tail + 0, "agentguard: denied file open again");
        assertThat(text().lines()).hasSize(200).allSatisfy(line -> assertThat(line.length()).isLessThan(ConsoleDenials.MAX_LINE_CHARS + 100));
        assertThat(text().lines().findFirst().orElseThrow()).startsWith("agentguard: denied file open /w/aaaa")
                .endsWith("characters cut; the audit log has the whole message)");
        assertThat(console.rememberedChars()).as("what the set of shown denials holds").isLessThan(200L * 1_000);
    }

    /** Attack (issue-19 review): bidirectional overrides in a name reorder what a terminal shows of the line. */
    @Test
    void bidiControlsAreShownEscaped() {
        console.show("default-deny", "file /w/a", "agentguard: denied file open /w/\u202egnp.exe\u2066x\u200f (rule default-deny)");
        assertThat(text()).contains("/w/\\u202egnp.exe\\u2066x\\u200f (rule").doesNotContain("\u202e").doesNotContain("\u2066");
    }
}
