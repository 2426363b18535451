package dev.agentguard.apps.hooks;

import java.util.Map;

/**
 * Actions for the native-library hooks. The parent links {@code lib/libz.so} in the sandbox to the
 * system's zlib (a real shared library that needs no JNI entry point) and sets java.library.path to it.
 */
final class NativeActions {
    private NativeActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("java.lang.Runtime#load0(Ljava/lang/Class;Ljava/lang/String;)", new HookActions.Spec("native", null, s -> {
            System.load(s.file("lib/libz.so").toString());
            return "loaded lib/libz.so";
        }));
        actions.put("java.lang.Runtime#loadLibrary0(Ljava/lang/Class;Ljava/lang/String;)", new HookActions.Spec("native", null, s -> {
            System.loadLibrary("z");
            return "loaded z";
        }));
    }
}
