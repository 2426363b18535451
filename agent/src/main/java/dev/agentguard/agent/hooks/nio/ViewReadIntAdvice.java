package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link ViewReadAdvice} for {@code UnixUserDefinedFileAttributeView.size(String)} and
 * {@code read(String, ByteBuffer)}, which return a count: the guard's read on the pinned view returns it, and
 * it is given back instead of the skipped body's.
 */
public final class ViewReadIntAdvice {
    private ViewReadIntAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String reader,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        return GuardBridge.viewRead(method, reader, view, args, file, followLinks);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object read, @Advice.Return(readOnly = false) int returned) {
        if (read instanceof Integer) {
            returned = (Integer) read;
        }
    }
}
