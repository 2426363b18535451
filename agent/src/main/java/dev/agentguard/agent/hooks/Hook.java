package dev.agentguard.agent.hooks;

import java.util.Objects;

/**
 * One hooked JDK method: a row of {@link HookTable}.
 *
 * @param id          a stable name, {@code Class#method}, used by the child-JVM tests that cover it
 * @param className   the JDK class whose bytecode gets the advice
 * @param method      the method name ({@code <init>} for a constructor)
 * @param descriptor  the exact JVM descriptor; the weaver matches name and descriptor, nothing looser
 * @param check       what it asks the policy, in words
 * @param onDeny      what the caller sees when the policy denies
 * @param advice      the advice class (Byte Buddy's annotations, as markers) that the guard's weaver
 *                    ({@code install.weave}) inlines into the method
 * @param fromJdk     first JDK feature version that has this method
 * @param toJdk       last JDK feature version that has it ({@link Integer#MAX_VALUE}: still there)
 */
public record Hook(String id, String className, String method, String descriptor, String check, String onDeny,
                   Class<?> advice, int fromJdk, int toJdk) {

    public boolean appliesTo(int jdk) {
        return jdk >= fromJdk && jdk <= toJdk;
    }

    // Written out: a record's generated equals, hashCode and toString bootstrap an invokedynamic call site on first use
    // (ObjectMethods: 7 classes spun at run time, and their compiles), and the installer keys a set by rows
    // at every start. Same meaning as the generated ones: every component compared.
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Hook)) {
            return false;
        }
        Hook o = (Hook) other;
        return fromJdk == o.fromJdk && toJdk == o.toJdk && Objects.equals(id, o.id)
                && Objects.equals(className, o.className) && Objects.equals(method, o.method)
                && Objects.equals(descriptor, o.descriptor) && Objects.equals(check, o.check)
                && Objects.equals(onDeny, o.onDeny) && advice == o.advice;
    }

    @Override
    public String toString() {
        return "Hook[id=" + id + ", className=" + className + ", method=" + method + ", descriptor=" + descriptor
                + ", check=" + check + ", onDeny=" + onDeny + ", advice=" + advice + ", fromJdk=" + fromJdk
                + ", toJdk=" + toJdk + "]";
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(id);
        h = 31 * h + Objects.hashCode(className);
        h = 31 * h + Objects.hashCode(method);
        h = 31 * h + Objects.hashCode(descriptor);
        h = 31 * h + Objects.hashCode(check);
        h = 31 * h + Objects.hashCode(onDeny);
        h = 31 * h + Objects.hashCode(advice);
        h = 31 * h + fromJdk;
        return 31 * h + toJdk;
    }
}
