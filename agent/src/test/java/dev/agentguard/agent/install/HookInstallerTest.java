package dev.agentguard.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.agent.hooks.Hook;
import dev.agentguard.agent.hooks.HookTable;
import org.junit.jupiter.api.Test;

/** Every row names a method that exists in this JDK, and a missing one is reported by name. */
class HookInstallerTest {
    @Test
    void everyRowForThisJdkNamesAnExistingMethod() {
        for (Hook hook : HookTable.rowsFor(Runtime.version().feature())) {
            assertThat(HookInstaller.verifyMethodExists(hook)).as(hook.id()).isNull();
        }
    }

    @Test
    void aMissingMethodIsNamedInTheProblem() {
        Hook bogus = new Hook("java.io.FileInputStream#open9(Ljava/lang/String;)", "java.io.FileInputStream", "open9",
                "(Ljava/lang/String;)V", "files: read", "throws", Object.class, 17, Integer.MAX_VALUE);
        assertThat(HookInstaller.verifyMethodExists(bogus)).startsWith(
                "hook java.io.FileInputStream#open9(Ljava/lang/String;): java.io.FileInputStream has no method"
                        + " open9(Ljava/lang/String;)V in this JDK");
        Hook noClass = new Hook("x.Nope#m()", "x.Nope", "m", "()V", "files: read", "throws", Object.class, 17,
                Integer.MAX_VALUE);
        assertThat(HookInstaller.verifyMethodExists(noClass)).isEqualTo(
                "hook x.Nope#m(): class x.Nope is not in this JDK");
    }

    @Test
    void idsAreUnique() {
        assertThat(HookTable.rows()).extracting(Hook::id).doesNotHaveDuplicates();
    }
}
