package dev.agentguard.apps.attacks;

import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A second agent, loaded before the guard, that tries to keep a hooked class the JVM had loaded before the
 * install ({@code java.lang.ProcessEnvironment}, which the guard's verification loads) out of the install's
 * retransformation. When it sees the guard's hooks' thread define a hooked class the JVM had not loaded (the
 * install defines those through the guard's transformer, one by one), the transformer is registered: it then
 * redefines that class with bytes the JVM will refuse (a method added), after every
 * transformer has seen them. A guard that took "my transformer was called for that class" as "the class in the
 * JVM is woven" would skip it at the install and prove its rows: {@code Runtime.load0} would then run without
 * its advice. {@link InstallSpoofApp} loads a native library the policy does not grant.
 *
 * <p>With {@code duplicate} as the agent's argument it instead tries to define the class a second time in the
 * boot loader (refused by the JVM as a duplicate definition, after the transformers saw it).
 */
public final class InstallSpoofAgent implements ClassFileTransformer {
    /** Hooked classes the JVM has not loaded when the guard installs its hooks (any one of them will do). */
    private static final Set<String> DEFINED_AT_INSTALL = Set.of("java/io/File$TempDirectory",
            "sun/nio/fs/UnixUserDefinedFileAttributeView", "sun/nio/fs/LinuxDosFileAttributeView",
            "sun/nio/ch/ServerSocketChannelImpl", "sun/nio/ch/DatagramChannelImpl",
            "sun/nio/ch/AsynchronousServerSocketChannelImpl", "sun/nio/ch/AsynchronousSocketChannelImpl",
            "sun/nio/ch/NioSocketImpl", "sun/nio/ch/UnixDomainSockets");
    /** The hooked class kept out of the install: {@code java.lang.Runtime} unless the agent's argument names another. */
    static String target = "java/lang/Runtime";
    static volatile Instrumentation instrumentation;
    static volatile String outcome = "not tried";
    static boolean duplicate;
    /** First a definition at the stack's edge (unwoven, the guard's transformer never called), then a duplicate. */
    static boolean edge;
    static final String EDGE_TARGET = "sun.nio.fs.UnixFileAttributeViews$Posix";
    static volatile boolean edgeDone;
    static volatile Throwable edgeOther;
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
        String[] parts = (args == null ? "redefine" : args).split(",");
        duplicate = "duplicate".equals(parts[0]);
        if (parts.length > 1) {
            target = parts[1];
        }
        edge = "edge".equals(parts[0]);
        if (edge) {
            inst.redefineModule(Object.class.getModule(), java.util.Set.of(), java.util.Map.of(),
                    java.util.Map.of("sun.nio.fs", java.util.Set.of(InstallSpoofAgent.class.getModule())),
                    java.util.Set.of(), java.util.Map.of());
        }
        if (duplicate) {
            inst.redefineModule(Object.class.getModule(), java.util.Set.of(), java.util.Map.of(),
                    java.util.Map.of("java.lang", java.util.Set.of(InstallSpoofAgent.class.getModule())),
                    java.util.Set.of(), java.util.Map.of());
        }
        inst.addTransformer(new InstallSpoofAgent(), false);
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (loader != null || redefined != null || !DEFINED_AT_INSTALL.contains(name)
                || !Thread.currentThread().getName().equals("agentguard-hook-preparation")
                || INSIDE.get() != null) {
            return null;
        }
        INSIDE.set(Boolean.TRUE);
        if (edge) {
            try {
                Thread diver = new Thread(null, InstallSpoofAgent::edgeThenDuplicate, "diver", 1 << 20);
                diver.start();
                diver.join(60_000);
            } catch (Throwable e) {
                outcome = "edge: " + e;
            } finally {
                INSIDE.remove();
            }
            return null;
        }
        try {
            Class<?> type = Class.forName(target.replace('/', '.'), false, null);
            byte[] bytes;
            try (InputStream in = ClassLoader.getSystemResourceAsStream(target + ".class")) {
                bytes = in.readAllBytes();
            }
            if (duplicate) {
                java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.privateLookupIn(
                        Class.forName("java.lang.ProcessBuilder"), java.lang.invoke.MethodHandles.lookup());
                // The lookup's package must be the class's: java.lang for the targets used here.
                lookup.defineClass(bytes);
                outcome = "defined again (!)";
            } else {
                instrumentation.redefineClasses(new ClassDefinition(type, withExtraMethod(bytes)));
                outcome = "redefined (!)";
            }
        } catch (Throwable e) {
            outcome = "refused " + e.getClass().getName();
        } finally {
            INSIDE.remove();
        }
        return null;
    }

    /** Defines {@link #EDGE_TARGET} with almost no stack left, then tries to define it again through a lookup. */
    static void edgeThenDuplicate() {
        for (int round = 0; round < 20 && !edgeDone; round++) {
            dive();
        }
        if (!edgeDone) {
            outcome = "edge: not reached; other " + edgeOther;
            return;
        }
        try (InputStream in = ClassLoader.getSystemResourceAsStream(EDGE_TARGET.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            java.lang.invoke.MethodHandles.privateLookupIn(Class.forName("sun.nio.fs.UnixPath"),
                    java.lang.invoke.MethodHandles.lookup()).defineClass(bytes);
            outcome = "edge: defined again (!)";
        } catch (Throwable e) {
            outcome = "edge: refused " + e.getClass().getName() + "; other " + edgeOther;
        }
    }

    private static int depth;

    private static void dive() {
        depth++;
        try {
            dive();
        } catch (StackOverflowError e) {
            // the bottom
        }
        if (!edgeDone) {
            try {
                Class.forName(EDGE_TARGET, false, null);
                edgeDone = true;
            } catch (StackOverflowError e) {
                // more stack next frame up
            } catch (Throwable e) {
                edgeOther = e;
            }
        }
    }

    /** The class with one more method: a redefinition the JVM refuses (no schema change), after the transformers ran. */
    static byte[] withExtraMethod(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "spoof", "()V", null, null);
                mv.visitCode();
                mv.visitInsn(Opcodes.RETURN);
                mv.visitMaxs(0, 0);
                mv.visitEnd();
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }
}
