package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link ViewWriteAdvice} for {@code UnixUserDefinedFileAttributeView.write}, which returns the number of
 * bytes written: the guard's call on the pinned view returns it, and it is given back instead of the skipped
 * body's.
 */
public final class ViewWriteReturningAdvice {
    private ViewWriteReturningAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String setter,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        return GuardBridge.viewWrite(method, setter, view, args, file, followLinks);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object done, @Advice.Return(readOnly = false) int written) {
        if (done instanceof Integer) {
            written = (Integer) done;
        }
    }
}
