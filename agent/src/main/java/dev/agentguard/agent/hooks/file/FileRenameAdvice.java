package dev.agentguard.agent.hooks.file;

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
 *
 * <p>Both names are pinned in their decided folders and the guard does the rename on
 * {@code /proc/self/fd/D/leaf} names; the JDK's body is skipped and the guard's result returned, so a folder
 * swapped above either leaf after the decision cannot redirect it (issue 13 review).
 */
public final class FileRenameAdvice {
    private FileRenameAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Boolean enter(@Advice.FieldValue("path") String path, @Advice.Argument(0) File target) throws Throwable {
        if (target == null) {
            return null; // renameTo throws NullPointerException before any effect
        }
        String targetPath = target.getClass() == File.class
                ? target.getPath()
                : (String) MethodHandles.lookup().findGetter(File.class, "path", String.class).invoke(target);
        return GuardBridge.renameFile(path, targetPath);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Boolean done, @Advice.Return(readOnly = false) boolean renamed) {
        if (done != null) {
            renamed = done;
        }
    }
}
