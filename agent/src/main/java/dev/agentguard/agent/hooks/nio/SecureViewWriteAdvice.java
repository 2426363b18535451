package dev.agentguard.agent.hooks.nio;

import dev.agentguard.bootstrap.GuardBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The writes of the views a {@code SecureDirectoryStream} hands out ({@code setTimes},
 * {@code setPermissions}, {@code setOwners}): they act through the stream's directory descriptor
 * ({@code futimens}, {@code fchmod}, {@code fchown} on an {@code openat} of the entry). The view's {@code file}
 * is the entry (null: the directory itself); {@code this$0} is the stream. The method name is the audit op.
 * An entry may hold folders ({@code d/file}) that can be swapped, so it is pinned and the guard makes the same
 * call on a fresh view of the same stream for the absolute {@code /proc/self/fd/D/leaf}, which {@code openat}
 * takes without the stream's descriptor (issue 13). That call runs inside the guard, so a permission set, which
 * may be the application's own class, is copied into a JDK set here first, outside it.
 */
public final class SecureViewWriteAdvice {
    private SecureViewWriteAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Origin("#m") String method, @Advice.Origin("#t.#m#d") String setter,
                        @Advice.This Object view, @Advice.AllArguments Object[] args,
                        @Advice.FieldValue(value = "this$0", typing = Assigner.Typing.DYNAMIC) Object stream,
                        @Advice.FieldValue(value = "file", typing = Assigner.Typing.DYNAMIC) Object file,
                        @Advice.FieldValue("followLinks") boolean followLinks) throws java.io.IOException {
        Object[] copied = args;
        if (args.length == 1 && args[0] instanceof java.util.Set) {
            copied = new Object[] {java.util.Set.copyOf((java.util.Set<?>) args[0])};
        }
        return GuardBridge.secureViewWrite(method, setter, view, copied, stream, file, followLinks);
    }
}
