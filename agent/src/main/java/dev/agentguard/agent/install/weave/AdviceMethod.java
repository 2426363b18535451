package dev.agentguard.agent.install.weave;

import java.util.List;

/**
 * One advice method, enter or exit, checked to use only the forms the weaver supports, with what its
 * parameters stand for. The code itself is replayed from the advice class file at each weave.
 *
 * @param owner        the advice class, internal name
 * @param name         the method's name
 * @param descriptor   the method's descriptor
 * @param bindings     one per parameter, in order
 * @param parameterSize the slots the parameters take (the advice's own locals start there)
 * @param maxLocals    the advice's max locals, parameters included
 * @param skipOn       enter only: {@code skipOn = OnNonDefaultValue}, the body is skipped when the enter
 *                     advice returns a non-default value
 * @param onThrowable  exit only: {@code onThrowable = Throwable}, the exit advice runs when the body throws too
 */
record AdviceMethod(String owner, String name, String descriptor, List<Binding> bindings, int parameterSize,
                    int maxLocals, boolean skipOn, boolean onThrowable) {

    /** The binding of the parameter in advice slot {@code slot}, or null for the advice's own locals. */
    Binding bindingAt(int slot) {
        for (Binding binding : bindings) {
            if (binding.slot() == slot) {
                return binding;
            }
        }
        return null;
    }

    String returnDescriptor() {
        return descriptor.substring(descriptor.indexOf(')') + 1);
    }
}
