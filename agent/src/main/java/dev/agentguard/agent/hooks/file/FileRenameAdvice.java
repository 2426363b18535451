package dev.agentguard.agent.hooks.file;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.io.File;
import java.lang.invoke.MethodHandles;
import net.bytebuddy.asm.Advice;

/**
 * {@code File.renameTo(File)}: write on both names; {@code rename(2)} moves links themselves, so neither
 * side follows its last component.
 *
 * <p>The native call reads the target's private {@code path} field. A subclass of File can override
 * {@code getPath()} to show another name, so for a subclass the field itself is read: this code runs
 * inlined in {@code java.io.File}, where {@code MethodHandles.lookup()} may read File's private fields.
 * A plain File (the usual case) answers {@code getPath()} with that field, without the lookup.
 */
public final class FileRenameAdvice {
    private FileRenameAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) File target) throws Throwable {
        if (target == null) {
            return; // renameTo throws NullPointerException before any effect
        }
        String targetPath = target.getClass() == File.class
                ? target.getPath()
                : (String) MethodHandles.lookup().findGetter(File.class, "path", String.class).invoke(target);
        GuardBridge.file2(Guard.WRITE, "rename", path, Guard.WRITE, targetPath, true);
    }
}
