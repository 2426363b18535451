package dev.agentguard.agent.install.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves one class: each named method (by name and descriptor) gets its advice inlined; every other
 * method, field and attribute is copied unchanged, so the class keeps its shape, as a retransformation
 * requires. Reports which methods were woven, so that the installer can prove each hook row went in.
 */
public final class ClassWeaver {
    private ClassWeaver() {}

    /** The woven class file and the methods ({@code name + descriptor}) that got their advice. */
    public record Result(byte[] classFile, Set<String> woven) {}

    /**
     * @param classFile the class as the JVM hands it to the transformer
     * @param loader    the class's loader (null: the boot loader), to read class files for stack map frames
     * @param methods   advice by {@code name + descriptor}
     * @throws WeaveException when a named method cannot be woven: the message names it and says why
     */
    public static Result weave(byte[] classFile, ClassLoader loader, Map<String, AdviceClass> methods)
            throws WeaveException {
        ClassReader reader = new ClassReader(classFile);
        HierarchyClassWriter writer = new HierarchyClassWriter(reader, loader);
        Weaving weaving = new Weaving(writer, loader, methods);
        try {
            reader.accept(weaving, 0);
        } catch (RuntimeException e) {
            throw new WeaveException(reader.getClassName().replace('/', '.') + ": " + e);
        }
        if (!weaving.problems.isEmpty()) {
            throw new WeaveException(String.join("; ", weaving.problems));
        }
        byte[] woven = writer.toByteArray();
        return new Result(woven, weaving.woven);
    }

    /** The class file of {@code internalName} as its loader (null: the boot loader) finds it, or null. */
    public static byte[] classFile(String internalName, ClassLoader loader) {
        return HierarchyClassWriter.classFile(internalName, loader);
    }

    /** A field of the hooked class (or a super class) that a {@code @FieldValue} reads. */
    record Field(String owner, String descriptor, boolean isStatic) {}

    private static final class Weaving extends ClassVisitor {
        private final ClassLoader loader;
        private final Map<String, AdviceClass> methods;
        private final Map<String, Field> fields = new HashMap<>();
        final Set<String> woven = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        private String className;
        private String superName;

        Weaving(ClassVisitor writer, ClassLoader loader, Map<String, AdviceClass> methods) {
            super(Opcodes.ASM9, writer);
            this.loader = loader;
            this.methods = methods;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.className = name;
            this.superName = superName;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.put(name, new Field(className, descriptor, (access & Opcodes.ACC_STATIC) != 0));
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            AdviceClass advice = methods.get(name + descriptor);
            if (advice == null) {
                return next;
            }
            String where = className.replace('/', '.') + "." + name + descriptor;
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                problems.add(where + ": has no code to weave (abstract or native)");
                return next;
            }
            List<String> before = new ArrayList<>(problems);
            // Anonymous classes, not a method reference and a lambda: this runs at every start (each would be
            // a class spun at run time).
            String key = name + descriptor;
            Function<String, Field> fieldLookup = new Function<String, Field>() {
                @Override
                public Field apply(String fieldName) {
                    return field(fieldName);
                }
            };
            Runnable done = new Runnable() {
                @Override
                public void run() {
                    woven.add(key);
                }
            };
            MethodWeaver weaver = new MethodWeaver(next, className, access, name, descriptor, advice,
                    fieldLookup, problems, done);
            return problems.size() == before.size() ? weaver : next;
        }

        /** A field by name: declared here, or a non-private one of a super class; null when none. */
        private Field field(String name) {
            Field field = fields.get(name);
            for (String type = superName; field == null && type != null; ) {
                byte[] bytes = HierarchyClassWriter.classFile(type, loader);
                if (bytes == null) {
                    return null;
                }
                ClassReader reader = new ClassReader(bytes);
                String owner = type;
                Field[] found = new Field[1];
                reader.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public FieldVisitor visitField(int access, String n, String d, String s, Object v) {
                        if (n.equals(name) && (access & Opcodes.ACC_PRIVATE) == 0) {
                            found[0] = new Field(owner, d, (access & Opcodes.ACC_STATIC) != 0);
                        }
                        return null;
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                field = found[0];
                type = reader.getSuperName();
            }
            return field;
        }
    }
}
