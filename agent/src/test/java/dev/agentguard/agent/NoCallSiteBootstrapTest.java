package dev.agentguard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The code that runs while a call is checked bootstraps no call site (no lambda, method reference, string
 * concatenation by {@code invokedynamic}, or record method): a check can run while the JDK is loading a
 * native library or a class for the application, and bootstrapping a call site there re-enters the guard
 * and fails, which denies. Scanned: the bridge and the agent's enforce, audit and budget packages. Not
 * scanned: the policy module, whose loading uses lambdas and whose records have bootstrapped
 * {@code equals}/{@code hashCode}/{@code toString} that no check calls; its decision code is compiled with
 * plain string concatenation ({@code -XDstringConcat=inline}).
 *
 * <p>Also scanned, for start-up's sake: classes that run at every guarded start, where each call site
 * bootstrapped is a class spun at run time and the JIT's work on the invoke machinery
 * (docs/design/startup.md, "Third round, CPU").
 */
class NoCallSiteBootstrapTest {
    private static final List<String> CHECK_TIME_PACKAGES = List.of("dev/agentguard/bootstrap",
            "dev/agentguard/agent/enforce", "dev/agentguard/agent/audit", "dev/agentguard/agent/budget");

    @Test
    void checkTimeClassesHaveNoInvokedynamic() throws IOException, URISyntaxException {
        Path classes = Path.of(NoCallSiteBootstrapTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes");
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String pkg : CHECK_TIME_PACKAGES) {
            Path dir = classes.resolve(pkg);
            assertThat(dir).as("compiled package %s", pkg).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    scanned++;
                    try (InputStream in = Files.newInputStream(file)) {
                        collect(new ClassReader(in), found);
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(20);
        assertThat(found).as("invokedynamic in check-time code").isEmpty();
    }

    /** Start-path classes (with their nested and anonymous classes) that bootstrap no call site. */
    private static final List<String> START_PATH_CLASSES = List.of("dev/agentguard/agent/AttachFlags",
            "dev/agentguard/agent/hooks/Hook", "dev/agentguard/agent/install/weave/ClassWeaver$Weaving",
            "dev/agentguard/policy/load/NetworkSection");

    @Test
    void startPathClassesHaveNoInvokedynamic() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String name : START_PATH_CLASSES) {
            assertThat(scan(name, found)).as("class file of %s", name).isTrue();
            scanned++;
            for (int i = 1; scan(name + "$" + i, found); i++) {
                scanned++;
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(START_PATH_CLASSES.size());
        assertThat(found).as("invokedynamic in start-path code").isEmpty();
    }

    /** Scans one class file found by the test's class loader; false when there is none. */
    private static boolean scan(String name, List<String> found) throws IOException {
        try (InputStream in = NoCallSiteBootstrapTest.class.getClassLoader().getResourceAsStream(name + ".class")) {
            if (in == null) {
                return false;
            }
            collect(new ClassReader(in), found);
            return true;
        }
    }

    private static void collect(ClassReader reader, List<String> found) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String callName, String callDescriptor, Handle bootstrap,
                            Object... arguments) {
                        found.add(reader.getClassName() + "." + name + " -> " + bootstrap.getOwner() + "."
                                + bootstrap.getName());
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }
}
