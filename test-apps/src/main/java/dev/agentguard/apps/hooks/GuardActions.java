package dev.agentguard.apps.hooks;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Actions for the hooks that protect the guard itself: reflection into an ordinary class works, into the
 * guard's bridge it is refused (otherwise one setAccessible would switch the guard off).
 */
final class GuardActions {
    private GuardActions() {}

    /** A private field of our own, for the allowed case. */
    private static String secretOfOurOwn = "ours";

    static void register(Map<String, HookActions.Protected> actions) {
        actions.put("java.lang.reflect.AccessibleObject#checkCanSetAccessible(Ljava/lang/Class;Ljava/lang/Class;Z)",
                new HookActions.Protected(
                        s -> {
                            Field f = Sample.class.getDeclaredField("hidden");
                            f.setAccessible(true);
                            return "opened Sample.hidden: " + f.get(null);
                        },
                        s -> {
                            Field f = Class.forName("dev.agentguard.bootstrap.GuardBridge").getDeclaredField("guard");
                            f.setAccessible(true);
                            return "opened GuardBridge.guard: " + (f.get(null) != null);
                        }));
        actions.put("java.lang.invoke.MethodHandles#privateLookupIn(Ljava/lang/Class;"
                        + "Ljava/lang/invoke/MethodHandles$Lookup;)",
                new HookActions.Protected(
                        s -> "private lookup in " + MethodHandles.privateLookupIn(Sample.class, MethodHandles.lookup())
                                .lookupClass().getSimpleName(),
                        s -> "private lookup in " + MethodHandles.privateLookupIn(
                                Class.forName("dev.agentguard.bootstrap.GuardBridge"), MethodHandles.lookup())
                                .lookupClass().getSimpleName()));
    }

    /** An ordinary class with a private field. */
    static final class Sample {
        private static String hidden = secretOfOurOwn;

        private Sample() {}
    }
}
