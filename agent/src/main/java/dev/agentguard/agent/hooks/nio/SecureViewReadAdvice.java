package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The reads of the views a {@code SecureDirectoryStream} hands out ({@code readAttributes()} of its basic and
 * POSIX views): as {@link ViewReadAdvice}, each read is decided when it is made, where the stream's folder is
 * then, pinned, and made by the guard on a fresh view of the same stream for the absolute
 * {@code /proc/self/fd/D/leaf} ({@code GuardBridge.secureViewRead}). The view's {@code file} is the entry
 * (null: the stream's folder itself); {@code this$0} is the stream.
 */
public final class SecureViewReadAdvice {
    private SecureViewReadAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String reader,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object stream,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        return GuardBridge.secureViewRead(method, reader, view, args, stream, file, followLinks);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object read,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (read != null && read != GuardBridge.DONE) {
            returned = read;
        }
    }
}
