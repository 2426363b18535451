package dev.agentguard.agent.install.weave;

/**
 * What one advice parameter stands for in the hooked method, read from its Byte Buddy annotation (used here
 * as a marker only).
 *
 * @param kind       which annotation
 * @param index      the argument's index, for {@link Kind#ARGUMENT}
 * @param writable   {@code readOnly = false}: the advice's stores go to the hooked method's variable
 * @param name       the field's name ({@link Kind#FIELD}) or the origin pattern ({@link Kind#ORIGIN}: {@code #m} or {@code #t.#m#d})
 * @param descriptor the advice parameter's type
 * @param slot       the advice parameter's local variable slot in the advice method
 */
record Binding(Kind kind, int index, boolean writable, String name, String descriptor, int slot) {

    enum Kind {
        /** {@code @Advice.Argument(n)}: the hooked method's n-th argument. */
        ARGUMENT,
        /** {@code @Advice.This}: the receiver. */
        THIS,
        /** {@code @Advice.Return}: the value being returned (the default value when skipped or throwing). */
        RETURN,
        /** {@code @Advice.Thrown}: what the body threw, or null. */
        THROWN,
        /** {@code @Advice.Enter}: what the enter advice returned. */
        ENTER,
        /**
         * {@code @Advice.Origin("#m")}: the hooked method's name, a constant; {@code "#t.#m#d"}: its declaring
         * type's binary name, name and descriptor, a constant.
         */
        ORIGIN,
        /** {@code @Advice.AllArguments}: a new {@code Object[]} of the hooked method's arguments, boxed, read-only. */
        ALL_ARGUMENTS,
        /** {@code @Advice.FieldValue("f")}: a field of the hooked class, read at each use. */
        FIELD
    }
}
