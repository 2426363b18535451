package dev.agentguard.agent.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.agent.hooks.Hook;
import dev.agentguard.agent.hooks.file.FileLookAdvice;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The install proves each row woven, and a row that cannot be woven stops the start naming it: run against
 * an {@link Instrumentation} that hands the registered transformer the JDK's class files, as a
 * retransformation does (nothing is redefined in this JVM).
 */
class HookInstallWeavingTest {
    private static Hook row(String method, Class<?> advice) {
        return new Hook("java.io.File#" + method + "()", "java.io.File", method, "()Z", "files: read", "false",
                advice, 17, Integer.MAX_VALUE);
    }

    @Test
    void everyRowIsWovenAndCounted() throws Exception {
        List<byte[]> woven = new ArrayList<>();
        HookInstaller.verify(List.of(row("exists", FileLookAdvice.class), row("isFile", FileLookAdvice.class)))
                .prepare(() -> true).install(handingClassFiles(woven), (c, e) -> { });
        assertThat(woven).hasSize(1);
    }

    @Test
    void aRowThatCannotBeWovenIsNamed() throws Exception {
        HookInstaller.Prepared prepared = HookInstaller.verify(
                List.of(row("exists", FileLookAdvice.class), row("isHidden", MissingFieldAdvice.class)))
                .prepare(() -> true);
        assertThatThrownBy(() -> prepared.install(handingClassFiles(new ArrayList<>()), (c, e) -> { }))
                .isInstanceOf(HookInstallException.class)
                .satisfies(e -> assertThat(((HookInstallException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("java.io.File.isHidden()Z").contains("@FieldValue(\"nosuch\"): no such field")))
                .satisfies(e -> assertThat(((HookInstallException) e).problems())
                        .contains("hook java.io.File#isHidden() was not woven into java.io.File.isHidden()Z",
                                "hook java.io.File#exists() was not woven into java.io.File.exists()Z"));
    }

    /** Retransforms by handing each class's file in the JDK to the transformer; keeps what it returned. */
    private static Instrumentation handingClassFiles(List<byte[]> results) {
        List<ClassFileTransformer> transformers = new ArrayList<>();
        return (Instrumentation) Proxy.newProxyInstance(HookInstallWeavingTest.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addTransformer":
                            transformers.add((ClassFileTransformer) args[0]);
                            return null;
                        case "removeTransformer":
                            return transformers.remove(args[0]);
                        case "retransformClasses":
                            for (Class<?> type : (Class<?>[]) args[0]) {
                                String name = type.getName().replace('.', '/');
                                byte[] bytes;
                                try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                                    bytes = in.readAllBytes();
                                }
                                for (ClassFileTransformer t : transformers) {
                                    byte[] out = t.transform(type.getClassLoader(), name, type, null, bytes);
                                    if (out != null) {
                                        results.add(out);
                                    }
                                }
                            }
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
