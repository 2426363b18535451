package dev.agentguard.agent.install;

import net.bytebuddy.asm.Advice;

/** Reads a field no hooked class has: its row cannot be woven, and the install must say so by row. */
final class MissingFieldAdvice {
    private MissingFieldAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("nosuch") String value) {
        String.valueOf(value);
    }
}
