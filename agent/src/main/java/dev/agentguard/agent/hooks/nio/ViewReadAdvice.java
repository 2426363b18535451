package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The reads of the provider's attribute views that return an object: {@code UnixFileAttributeViews$Basic}
 * and {@code $Posix} {@code readAttributes()}, {@code LinuxDosFileAttributeView.readAttributes()},
 * {@code UnixUserDefinedFileAttributeView.list()} ({@link ViewReadIntAdvice}: {@code size}, {@code read}).
 * A view is decided when it is made, but the application may keep it and read later, by the same name, which
 * can name another object by then; so each read is decided again when it is made, pinned, and made by the
 * guard on a fresh view of {@code /proc/self/fd/D/leaf} ({@code GuardBridge.viewRead}); the JDK's body is
 * skipped and the guard's result returned. The method name is the audit op.
 */
public final class ViewReadAdvice {
    private ViewReadAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String reader,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        return GuardBridge.viewRead(method, reader, view, args, file, followLinks);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object read,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (read != null && read != GuardBridge.DONE) {
            returned = read;
        }
    }
}
