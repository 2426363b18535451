package dev.agentguard.agent.hooks;

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
}
