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
}
