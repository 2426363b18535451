package dev.agentguard.agent.install.weave;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * A class writer that computes the stack map frames of the woven methods and answers ASM's "common super
 * class" question from class files, never by loading a class: a transformer that loads classes while the JVM
 * retransforms can deadlock or fail with a circularity error. Unwoven methods are copied as they are, with
 * their frames (the writer is built on the reader).
 */
final class HierarchyClassWriter extends ClassWriter {
    private static final String OBJECT = "java/lang/Object";
    /** Super class and interface flag per class, read once for the life of the JVM. */
    private static final Map<String, String[]> HIERARCHY = new ConcurrentHashMap<>();

    private final ClassLoader loader;

    HierarchyClassWriter(ClassReader reader, ClassLoader loader) {
        super(reader, ClassWriter.COMPUTE_FRAMES);
        this.loader = loader;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        String[] info1 = info(type1);
        String[] info2 = info(type2);
        if (info1 == null || info2 == null) {
            throw new IllegalStateException("cannot read the class file of " + (info1 == null ? type1 : type2)
                    + " to compute a stack map frame");
        }
        if (info1[1] != null || info2[1] != null) {
            return OBJECT; // an interface: the verifier treats it as Object
        }
        for (String a = type1; a != null; a = superOf(a)) {
            for (String b = type2; b != null; b = superOf(b)) {
                if (a.equals(b)) {
                    return a;
                }
            }
        }
        return OBJECT;
    }

    private String superOf(String type) {
        String[] info = info(type);
        if (info == null) {
            throw new IllegalStateException("cannot read the class file of " + type + " to compute a stack map frame");
        }
        return info[0];
    }

    /** {super name (null for Object), non-null when an interface}, or null when the class file is not found. */
    private String[] info(String type) {
        String[] info = HIERARCHY.get(type);
        if (info == null) {
            byte[] bytes = classFile(type, loader);
            if (bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            info = new String[] {reader.getSuperName(),
                    (reader.getAccess() & net.bytebuddy.jar.asm.Opcodes.ACC_INTERFACE) != 0 ? "interface" : null};
            HIERARCHY.put(type, info);
        }
        return info;
    }

    /** The class file of {@code type} through {@code loader}, or else the guard's own loader (which sees the JDK). */
    static byte[] classFile(String type, ClassLoader loader) {
        return ClassFiles.read(type, loader);
    }
}
