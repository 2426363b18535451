package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The writes of the views a {@code SecureDirectoryStream} hands out ({@code setTimes},
 * {@code setPermissions}, {@code setOwners}): they act through the stream's directory descriptor
 * ({@code futimens}, {@code fchmodat}, {@code fchown}). The view's {@code file} is the entry (null: the
 * directory itself); {@code this$0} is the stream. The method name is the audit op.
 */
public final class SecureViewWriteAdvice {
    private SecureViewWriteAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.Origin("#m") String method,
                      @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object stream,
                      @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                      @Advice.FieldValue("followLinks") boolean followLinks) {
        GuardBridge.fileInDirectory(Guard.WRITE, method, stream, file == null ? null : file.toString(),
                !followLinks);
    }
}
