package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The writes of the provider's attribute views, where {@code Files.setLastModifiedTime},
 * {@code setPosixFilePermissions}, {@code setOwner}, {@code setAttribute} and the views' own setters end:
 * {@code UnixFileAttributeViews$Basic.setTimes}, {@code $Posix.setMode/setOwners},
 * {@code LinuxDosFileAttributeView.updateDosAttribute} and {@code UnixUserDefinedFileAttributeView.write/delete}.
 * The path is the view's {@code file} field (a {@code UnixPath}), followed unless the view was made with
 * {@code NOFOLLOW_LINKS}. The method name is the audit op.
 */
public final class ViewWriteAdvice {
    private ViewWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method,
                      @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                      @Advice.FieldValue("followLinks") boolean followLinks) {
        if (followLinks) {
            GuardBridge.file(Guard.WRITE, method, file.toString());
        } else {
            GuardBridge.fileNoFollow(Guard.WRITE, method, file.toString());
        }
    }
}
