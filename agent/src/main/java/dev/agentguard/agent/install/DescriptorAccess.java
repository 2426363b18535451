package dev.agentguard.agent.install;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Lets the bridge read the JDK's descriptor numbers, so that file opens are decided on the object the
 * kernel opened ({@code readlink /proc/self/fd/N}, docs/design/kernel-objects.md): exports
 * {@code jdk.internal.access} (a {@code FileDescriptor}'s number, and its close) and opens
 * {@code sun.nio.ch} (the descriptor inside a file channel) and {@code sun.nio.fs} (an open with
 * {@code O_PATH}, which the JDK has no option for) to the bridge's module, the bootstrap class
 * loader's unnamed module, which holds nothing but the bridge. The application's own module gains nothing.
 * It also opens {@code sun.nio.fs}: a pinned attribute write is done by the guard on a fresh view of the same
 * kind made for the pinned name ({@code PinnedActs}), whose constructor and setters are package-private.
 */
public final class DescriptorAccess {
    private DescriptorAccess() {}

    /** Exports and opens the packages; {@code bridge} is a class of the bridge (on the bootstrap path). */
    public static void grant(Instrumentation instrumentation, Class<?> bridge) {
        Module javaBase = Object.class.getModule();
        Module bridgeModule = bridge.getModule();
        if (bridge.getClassLoader() != null || bridgeModule.isNamed()) {
            throw new IllegalStateException("the bridge is not on the bootstrap class path: " + bridge);
        }
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.access", Set.of(bridgeModule)),
                Map.of("sun.nio.ch", Set.of(bridgeModule), "sun.nio.fs", Set.of(bridgeModule)), Set.of(), Map.of());
    }
}
