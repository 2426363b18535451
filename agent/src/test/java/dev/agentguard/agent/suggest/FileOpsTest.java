package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.agent.hooks.Hook;
import dev.agentguard.agent.hooks.HookTable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;

class FileOpsTest {
    private static AuditEntry file(String op, String rule, String reason) {
        return new AuditEntry(1, "would_deny", "file", op, "/w/x", rule, reason, null, null, Map.of(), 0);
    }

    /** Advice that names its audit op after the hooked method: that method name must be in the table. */
    @Test
    void everyFileHookThatUsesItsMethodNameAsTheOpIsInTheTable() {
        int checked = 0;
        for (Hook hook : HookTable.rows()) {
            if (!hook.check().startsWith("files:") || !usesMethodNameAsOp(hook.advice())) {
                continue;
            }
            assertThat(FileOps.known(hook.method())).as(hook.id() + " writes op '" + hook.method() + "'").isTrue();
            checked++;
        }
        assertThat(checked).as("hooks checked").isGreaterThan(20);
    }

    private static boolean usesMethodNameAsOp(Class<?> advice) {
        for (Method m : advice.getDeclaredMethods()) {
            for (Annotation[] annotations : m.getParameterAnnotations()) {
                for (Annotation a : annotations) {
                    if (a instanceof Advice.Origin && ((Advice.Origin) a).value().equals("#m")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void opsMapToTheirAccess() {
        for (String op : List.of("open", "list", "exists", "readAttributes", "newDirectoryStream", "canonicalize", "watch")) {
            assertThat(FileOps.access(file(op, null, null))).as(op).isEqualTo(FileOps.Access.READ);
        }
        for (String op : List.of("open-write", "append", "open-rw", "delete", "mkdir", "rename", "move", "create-temp")) {
            assertThat(FileOps.access(file(op, null, null))).as(op).isEqualTo(FileOps.Access.WRITE);
        }
    }

    @Test
    void twoLeggedOpsTakeTheAccessFromTheDecision() {
        assertThat(FileOps.access(file("copy", "files.read[1]", "granted by ..."))).isEqualTo(FileOps.Access.READ);
        assertThat(FileOps.access(file("copy", "files.write[0]", "granted by ..."))).isEqualTo(FileOps.Access.WRITE);
        assertThat(FileOps.access(file("copy", "default-deny", "no files.write rule grants /w/x; the policy grants no writes")))
                .isEqualTo(FileOps.Access.WRITE);
        assertThat(FileOps.access(file("symlink", "default-deny", "no files.read rule grants /w/x")))
                .isEqualTo(FileOps.Access.READ);
        assertThat(FileOps.access(file("copy", "killswitch", "the killswitch ..."))).isNull();
    }
}
