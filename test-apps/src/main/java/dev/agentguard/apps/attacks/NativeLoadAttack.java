package dev.agentguard.apps.attacks;

import java.nio.file.Path;

/**
 * Loads native code that the policy does not grant ({@code native.load} is empty): a copy of zlib
 * planted outside, by path ({@code System.load}, {@code Runtime.load}), through a link planted in the work
 * directory, a copy planted in the work directory, and by name through {@code java.library.path}
 * ({@code System.loadLibrary}). A load that returns is a success: the library is mapped into the JVM.
 */
public final class NativeLoadAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("NativeLoadAttack", new NativeLoadAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        Path outsideLib = t.outside().resolve("lib/libevil.so");
        String loaded = "the library was loaded";
        report.mustThrow("native-system-load-outside", () -> System.load(outsideLib.toString()), loaded);
        report.mustThrow("native-runtime-load-outside", () -> Runtime.getRuntime().load(outsideLib.toString()), loaded);
        report.mustThrow("native-load-planted-link", () -> System.load(t.workdir().resolve("planted/libz-link.so")
                .toString()), loaded);
        report.mustThrow("native-load-copy-in-workdir", () -> System.load(t.workdir().resolve("planted/libcopy.so")
                .toString()), loaded);
        report.mustThrow("native-loadlibrary-from-library-path", () -> System.loadLibrary("evil"), loaded);
        report.mustThrow("native-loadlibrary-path-traversal", () -> System.loadLibrary("../../outside/lib/evil"),
                loaded);
    }
}
