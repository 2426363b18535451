package dev.agentguard.apps.attacks;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A second agent, loaded before the guard (through {@code JAVA_TOOL_OPTIONS}), that hands the guard bytes it
 * cannot weave: it pads {@code FileInputStream.open(String)} with {@code nop}s up to the JVM's limit of
 * 65535 bytes of code, so the guard's advice no longer fits (Byte Buddy throws "method too large"). The
 * JVM itself would accept the padded class. Coverage agents hit this limit on real, huge methods.
 *
 * <p>Its transformer is armed only on request, after the guard started (armed at start-up, the guard
 * would refuse to start). {@link OversizeApp} then retransforms and redefines the class with it.
 */
public final class OversizeAgent implements ClassFileTransformer {
    static volatile Instrumentation instrumentation;
    static final OversizeAgent TRANSFORMER = new OversizeAgent();
    private volatile boolean armed;
    /** The bytes the JVM handed the transformer, before any padding: the redefinition starts from them. */
    volatile byte[] seen;

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
        inst.addTransformer(TRANSFORMER, true);
    }

    void arm(boolean on) {
        armed = on;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (!armed || !"java/io/FileInputStream".equals(name)) {
            return null;
        }
        seen = classFile.clone();
        return padded(classFile);
    }

    /** The class with {@code open(String)} padded as far as the class-file format allows (binary search). */
    static byte[] padded(byte[] classFile) {
        int low = 0;
        int high = 65535;
        byte[] best = null;
        for (int i = 0; i < 20 && low <= high; i++) {
            int middle = (low + high) >>> 1;
            try {
                best = pad(classFile, middle);
                low = middle + 1;
            } catch (MethodTooLargeException tooLarge) {
                high = middle - 1;
            }
        }
        return best;
    }

    private static byte[] pad(byte[] classFile, int nops) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals("open") || !descriptor.equals("(Ljava/lang/String;)V")) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        for (int n = 0; n < nops; n++) {
                            super.visitInsn(Opcodes.NOP);
                        }
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Retransforms FileInputStream with the padding armed: what the JVM answers. */
    static String retransform() {
        TRANSFORMER.arm(true);
        try {
            instrumentation.retransformClasses(java.io.FileInputStream.class);
            return "accepted";
        } catch (Throwable e) {
            return "refused " + e.getClass().getName();
        } finally {
            TRANSFORMER.arm(false);
        }
    }

    /** Redefines FileInputStream with padded bytes of its own making: what the JVM answers. */
    static String redefine() {
        byte[] original = TRANSFORMER.seen;
        if (original == null) {
            return "no bytes";
        }
        try {
            instrumentation.redefineClasses(new ClassDefinition(java.io.FileInputStream.class, padded(original)));
            return "accepted";
        } catch (Throwable e) {
            return "refused " + e.getClass().getName();
        }
    }
}
