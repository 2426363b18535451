package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The writes of the provider's attribute views, where {@code Files.setLastModifiedTime},
 * {@code setPosixFilePermissions}, {@code setOwner}, {@code setAttribute} and the views' own setters end:
 * {@code UnixFileAttributeViews$Basic.setTimes}, {@code $Posix.setMode/setOwners},
 * {@code LinuxDosFileAttributeView.updateDosAttribute} and {@code UnixUserDefinedFileAttributeView.delete}
 * ({@link ViewWriteReturningAdvice}: {@code write}). The path is the view's {@code file} field (a
 * {@code UnixPath}), followed unless the view was made with {@code NOFOLLOW_LINKS}. The method name is the
 * audit op. Pinned: the view's path is final, so the guard makes the same call on a fresh view of the same
 * class for {@code /proc/self/fd/D/leaf} and the JDK's body is skipped (issue 13); errors name the caller's
 * path.
 */
public final class ViewWriteAdvice {
    private ViewWriteAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String setter,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        return GuardBridge.viewWrite(method, setter, view, args, file, followLinks);
    }
}
