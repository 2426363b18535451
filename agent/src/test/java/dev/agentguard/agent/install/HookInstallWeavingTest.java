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
 * retransformation does (nothing is redefined in this JVM). A hooked class the JVM has not loaded is woven
 * ahead, from its class file, and handed over at its first definition; the fake says which classes are loaded.
 */
class HookInstallWeavingTest {
    private static Hook row(String method, Class<?> advice) {
        return new Hook("java.io.File#" + method + "()", "java.io.File", method, "()Z", "files: read", "false",
                advice, 17, Integer.MAX_VALUE);
    }

    @Test
    void everyRowIsWovenAndCounted() throws Exception {
        List<byte[]> woven = new ArrayList<>();
        Fake jvm = new Fake(true);
        HookInstaller.Prepared prepared = HookInstaller.verify(
                        List.of(row("exists", FileLookAdvice.class), row("isFile", FileLookAdvice.class)), jvm.instrumentation)
                .prepare();
        prepared.install(jvm.retransformingInto(woven), (c, e) -> { });
        assertThat(woven).hasSize(1);
        assertThat(prepared.retransformed()).isEqualTo(1);
    }

    @Test
    void aRowThatCannotBeWovenIsNamed() throws Exception {
        Fake jvm = new Fake(true);
        HookInstaller.Prepared prepared = HookInstaller.verify(
                List.of(row("exists", FileLookAdvice.class), row("isHidden", MissingFieldAdvice.class)), jvm.instrumentation)
                .prepare();
        assertThatThrownBy(() -> prepared.install(jvm.retransformingInto(new ArrayList<>()), (c, e) -> { }))
                .isInstanceOf(HookInstallException.class)
                .satisfies(e -> assertThat(((HookInstallException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("java.io.File.isHidden()Z").contains("@FieldValue(\"nosuch\"): no such field")))
                .satisfies(e -> assertThat(((HookInstallException) e).problems())
                        .contains("hook java.io.File#isHidden() was not woven into java.io.File.isHidden()Z",
                                "hook java.io.File#exists() was not woven into java.io.File.exists()Z"));
    }

    @Test
    void aClassNotLoadedIsProvenAheadAndHandedOverAtItsFirstDefinition() throws Exception {
        Fake jvm = new Fake(false);
        HookInstaller.Prepared prepared = HookInstaller.verify(
                        List.of(row("exists", FileLookAdvice.class), row("isFile", FileLookAdvice.class)), jvm.instrumentation)
                .prepare();
        List<byte[]> retransformed = new ArrayList<>();
        prepared.install(jvm.retransformingInto(retransformed), (c, e) -> { });
        // The install defines each class not loaded (Class.forName, not initialized): java.io.File is loaded in
        // this JVM, whatever the fake says, so it did not pass the transformer and was retransformed.
        assertThat(retransformed).hasSize(1);
        assertThat(prepared.retransformed()).isEqualTo(1);

        byte[] original = classFile("java/io/File");
        byte[] defined = jvm.define(null, "java/io/File", original);
        assertThat(defined).isNotNull().isNotEqualTo(original);
        assertThat(new String(defined, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("dev/agentguard/bootstrap/GuardBridge"); // the advice calls the bridge
        // A class of the same name in another loader is not the JDK's: left alone.
        assertThat(jvm.define(HookInstallWeavingTest.class.getClassLoader(), "java/io/File", original)).isNull();
    }

    @Test
    void aRowOfAClassNotLoadedThatCannotBeWovenStopsTheStartNamingIt() {
        Fake jvm = new Fake(false);
        assertThatThrownBy(() -> HookInstaller.verify(
                        List.of(row("exists", FileLookAdvice.class), row("isHidden", MissingFieldAdvice.class)), jvm.instrumentation)
                .prepare())
                .isInstanceOf(HookInstallException.class)
                .satisfies(e -> assertThat(((HookInstallException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("java.io.File").contains("@FieldValue(\"nosuch\"): no such field")));
    }

    @Test
    void aFirstDefinitionThatCannotBeWovenIsRefusedAndReported() throws Exception {
        Fake jvm = new Fake(false);
        HookInstaller.Prepared prepared = HookInstaller.verify(
                List.of(row("exists", FileLookAdvice.class)), jvm.instrumentation).prepare();
        List<String> refusedDefinitions = new ArrayList<>();
        prepared.install(jvm.retransformingInto(new ArrayList<>()), new HookInstaller.ReweaveRefused() {
            @Override
            public void refused(String className, Throwable error) {
                throw new AssertionError("not a retransformation");
            }

            @Override
            public void firstDefinitionRefused(String className, Throwable error) {
                refusedDefinitions.add(className);
            }
        });
        // Bytes another agent changed before the guard saw them, and that cannot be woven: not a class file.
        byte[] defined = jvm.define(null, "java/io/File", new byte[] {1, 2, 3, 4});
        assertThat(defined).isEqualTo(HookInstaller.veto());
        assertThat(refusedDefinitions).containsExactly("java.io.File");
    }

    private static byte[] classFile(String internalName) throws Exception {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /**
     * A JVM that says java.io.File is loaded, or that nothing is, and whose retransformation hands each class's
     * file in the JDK to the registered transformers.
     */
    private static final class Fake {
        final List<ClassFileTransformer> transformers = new ArrayList<>();
        final boolean fileLoaded;
        List<byte[]> results = new ArrayList<>();
        final Instrumentation instrumentation;

        Fake(boolean fileLoaded) {
            this.fileLoaded = fileLoaded;
            this.instrumentation = (Instrumentation) Proxy.newProxyInstance(HookInstallWeavingTest.class.getClassLoader(),
                    new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getInitiatedClasses":
                                return fileLoaded ? new Class<?>[] {String.class, java.io.File.class} : new Class<?>[] {String.class};
                            case "addTransformer":
                                transformers.add((ClassFileTransformer) args[0]);
                                return null;
                            case "removeTransformer":
                                return transformers.remove(args[0]);
                            case "retransformClasses":
                                for (Class<?> type : (Class<?>[]) args[0]) {
                                    String name = type.getName().replace('.', '/');
                                    byte[] bytes = classFile(name);
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

        Instrumentation retransformingInto(List<byte[]> into) {
            results = into;
            return instrumentation;
        }

        /** A first definition: what the registered transformer hands the JVM (null: the bytes unchanged). */
        byte[] define(ClassLoader loader, String internalName, byte[] bytes) throws Exception {
            byte[] out = null;
            for (ClassFileTransformer t : transformers) {
                out = t.transform(loader, internalName, null, null, bytes);
            }
            return out;
        }
    }
}
