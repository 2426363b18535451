package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/hooks.md is the hook table as {@code guard.jar hooks} prints it: the page cannot drift from the code. */
class HooksDocTest {
    @Test
    void theHooksPageMatchesTheHookTable() throws Exception {
        ChildJvm.Result r = ChildJvm.on(17).guardCli("hooks");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path page = ChildJvm.APPS.getParent().getParent().getParent().resolve("docs/hooks.md");
        String doc = Files.readString(page);
        String table = doc.substring(doc.indexOf("| class |"));
        assertThat(table.strip()).as("docs/hooks.md is out of date: regenerate it with `java -jar agent/target/guard.jar hooks`")
                .isEqualTo(r.stdout().strip());
    }
}
