package dev.agentguard.agent.install.weave;

import dev.agentguard.agent.install.weave.Binding.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * An advice class read from its class file: its enter and exit methods, checked against the forms this
 * weaver supports. Anything else is refused here, with the advice and the form named, so that an advice
 * the weaver would get wrong fails the build's tests ({@code AdviceSupportTest}) and never reaches a JVM.
 *
 * <p>The annotations are Byte Buddy's, kept as markers so the advice stays readable Java; they are matched
 * by the end of their descriptor, which the jar's relocation of {@code net.bytebuddy} does not change, and
 * their classes are never loaded.
 *
 * <p>Supported: {@code @OnMethodEnter} with no attribute or {@code skipOn = OnNonDefaultValue.class};
 * {@code @OnMethodExit} with no attribute or {@code onThrowable = Throwable.class}; parameters
 * {@code @Argument(value, readOnly, typing)}, {@code @This}, {@code @Return(readOnly, typing)},
 * {@code @Thrown(readOnly)}, {@code @Enter}, {@code @Origin("#m")}, {@code @Origin("#t.#m#d")}, read-only {@code @AllArguments}, {@code @FieldValue(value, typing)}.
 * The advice code may not call or read its own class (it is copied into a JDK class that cannot see it), may
 * not use {@code invokedynamic}, and may not store to a read-only parameter.
 */
public final class AdviceClass {
    private static final String ADVICE = "bytebuddy/asm/Advice$";

    private final String internalName;
    private final byte[] classFile;
    private final AdviceMethod enter;
    private final AdviceMethod exit;

    private AdviceClass(String internalName, byte[] classFile, AdviceMethod enter, AdviceMethod exit) {
        this.internalName = internalName;
        this.classFile = classFile;
        this.enter = enter;
        this.exit = exit;
    }

    /** Reads {@code adviceClass}'s class file through its loader, without linking it. */
    public static AdviceClass of(Class<?> adviceClass) throws WeaveException {
        byte[] classFile = ClassFiles.read(adviceClass.getName().replace('.', '/'), adviceClass.getClassLoader());
        if (classFile == null) {
            throw new WeaveException("advice " + adviceClass.getName() + ": class file not found");
        }
        return read(classFile);
    }

    /** Reads and checks an advice class file. */
    public static AdviceClass read(byte[] classFile) throws WeaveException {
        ClassReader reader = new ClassReader(classFile);
        Survey survey = new Survey(reader.getClassName());
        reader.accept(survey, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (!survey.problems.isEmpty()) {
            throw new WeaveException(String.join("; ", survey.problems));
        }
        AdviceMethod enter = survey.enter == null ? null : survey.enter.build(survey.problems);
        AdviceMethod exit = survey.exit == null ? null : survey.exit.build(survey.problems);
        String name = reader.getClassName().replace('/', '.');
        if (enter == null && exit == null && survey.problems.isEmpty()) {
            survey.problems.add("advice " + name + " has neither @OnMethodEnter nor @OnMethodExit");
        }
        if (exit != null) {
            for (Binding b : exit.bindings()) {
                if (b.kind() == Kind.ENTER && (enter == null || !enter.returnDescriptor().equals(b.descriptor()))) {
                    survey.problems.add("advice " + name + "." + exit.name() + ": @Enter " + b.descriptor()
                            + " does not match what the enter advice returns"
                            + (enter == null ? " (there is none)" : " (" + enter.returnDescriptor() + ")"));
                }
            }
        }
        if (!survey.problems.isEmpty()) {
            throw new WeaveException(String.join("; ", survey.problems));
        }
        return new AdviceClass(reader.getClassName(), classFile, enter, exit);
    }

    public String name() {
        return internalName.replace('/', '.');
    }

    AdviceMethod enter() {
        return enter;
    }

    AdviceMethod exit() {
        return exit;
    }

    /** Replays {@code method}'s code into {@code visitor} (frames and debug information left out). */
    void replay(AdviceMethod method, MethodVisitor visitor) {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return name.equals(method.name()) && descriptor.equals(method.descriptor()) ? visitor : null;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    /** Collects the advice methods and every problem with them. */
    private static final class Survey extends ClassVisitor {
        final String owner;
        final List<String> problems = new ArrayList<>();
        MethodSurvey enter;
        MethodSurvey exit;

        Survey(String owner) {
            super(Opcodes.ASM9);
            this.owner = owner;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodSurvey(this, access, name, descriptor);
        }

        String where(String method) {
            return "advice " + owner.replace('/', '.') + "." + method;
        }
    }

    /** One method: its annotations, its parameters' annotations, and what its code does. */
    private static final class MethodSurvey extends MethodVisitor {
        private final Survey survey;
        private final int access;
        private final String name;
        private final String descriptor;
        private final Type[] parameters;
        private final int[] slots;
        private final ParameterSurvey[] parameterAnnotations;
        /** null: not advice; "enter" or "exit". */
        private String role;
        private boolean skipOn;
        private boolean onThrowable;
        private int maxLocals;
        private final List<int[]> stores = new ArrayList<>();

        MethodSurvey(Survey survey, int access, String name, String descriptor) {
            super(Opcodes.ASM9);
            this.survey = survey;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.parameters = Type.getArgumentTypes(descriptor);
            this.slots = new int[parameters.length];
            int slot = 0;
            for (int i = 0; i < parameters.length; i++) {
                slots[i] = slot;
                slot += parameters[i].getSize();
            }
            this.parameterAnnotations = new ParameterSurvey[parameters.length];
        }

        private String where() {
            return survey.where(name);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (annotation.endsWith(ADVICE + "OnMethodEnter;") || annotation.endsWith(ADVICE + "OnMethodExit;")) {
                boolean isEnter = annotation.endsWith("OnMethodEnter;");
                if (role != null) {
                    survey.problems.add(where() + ": both @OnMethodEnter and @OnMethodExit");
                }
                role = isEnter ? "enter" : "exit";
                if (isEnter ? survey.enter != null : survey.exit != null) {
                    survey.problems.add(where() + ": a second @OnMethod" + (isEnter ? "Enter" : "Exit")
                            + " in the class");
                }
                if (isEnter) {
                    survey.enter = this;
                } else {
                    survey.exit = this;
                }
                return new AnnotationVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(String attribute, Object value) {
                        String type = value instanceof Type ? ((Type) value).getDescriptor() : null;
                        if (isEnter && attribute.equals("skipOn") && type != null
                                && type.endsWith(ADVICE + "OnNonDefaultValue;")) {
                            skipOn = true;
                        } else if (!isEnter && attribute.equals("onThrowable")
                                && "Ljava/lang/Throwable;".equals(type)) {
                            onThrowable = true;
                        } else {
                            unsupported(attribute + " = " + value);
                        }
                    }

                    @Override
                    public void visitEnum(String attribute, String enumDescriptor, String value) {
                        unsupported(attribute + " = " + value);
                    }

                    @Override
                    public AnnotationVisitor visitArray(String attribute) {
                        unsupported(attribute + " = {...}");
                        return null;
                    }

                    @Override
                    public AnnotationVisitor visitAnnotation(String attribute, String d) {
                        unsupported(attribute);
                        return null;
                    }

                    private void unsupported(String what) {
                        survey.problems.add(where() + ": @OnMethod" + (isEnter ? "Enter" : "Exit") + "(" + what
                                + ") is not supported by the guard's weaver");
                    }
                };
            }
            if (annotation.contains(ADVICE)) {
                survey.problems.add(where() + ": " + simple(annotation) + " is not supported by the guard's weaver");
            }
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            if (!annotation.contains(ADVICE)) {
                return null;
            }
            if (parameterAnnotations[parameter] != null) {
                survey.problems.add(where() + ": parameter " + parameter + " has two advice annotations");
                return null;
            }
            ParameterSurvey p = new ParameterSurvey(this, parameter, annotation);
            parameterAnnotations[parameter] = p;
            return p;
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                stores.add(new int[] {var});
            }
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            stores.add(new int[] {var});
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String method, String d, boolean isInterface) {
            if (role() && owner.equals(survey.owner)) {
                survey.problems.add(where() + ": calls " + method + " of its own class, which the hooked JDK class"
                        + " cannot see once the code is copied there");
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String d) {
            if (role() && owner.equals(survey.owner)) {
                survey.problems.add(where() + ": uses the field " + field + " of its own class, which the hooked JDK"
                        + " class cannot see once the code is copied there");
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String method, String d, Handle bootstrap, Object... arguments) {
            if (role()) {
                survey.problems.add(where() + ": invokedynamic (" + bootstrap.getOwner() + "." + bootstrap.getName()
                        + ") is not supported by the guard's weaver");
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            this.maxLocals = maxLocals;
        }

        /** Whether this method is advice; instructions of other methods are not checked (never copied). */
        private boolean role() {
            return role != null;
        }

        AdviceMethod build(List<String> problems) {
            int before = problems.size();
            if ((access & Opcodes.ACC_STATIC) == 0) {
                problems.add(where() + ": advice methods must be static");
            }
            boolean isEnter = role.equals("enter");
            Type returnType = Type.getReturnType(descriptor);
            if (!isEnter && returnType.getSort() != Type.VOID) {
                problems.add(where() + ": the exit advice must return void");
            }
            if (skipOn && returnType.getSort() != Type.OBJECT && returnType.getSort() != Type.ARRAY
                    && returnType.getSort() != Type.BOOLEAN && returnType.getSort() != Type.INT) {
                problems.add(where() + ": skipOn needs the enter advice to return a reference, int or boolean");
            }
            List<Binding> bindings = new ArrayList<>();
            for (int i = 0; i < parameters.length; i++) {
                ParameterSurvey p = parameterAnnotations[i];
                if (p == null) {
                    problems.add(where() + ": parameter " + i + " has no advice annotation");
                    continue;
                }
                Binding b = p.binding(problems);
                if (b == null) {
                    continue;
                }
                if (isEnter && (b.kind() == Kind.RETURN || b.kind() == Kind.THROWN || b.kind() == Kind.ENTER)) {
                    problems.add(where() + ": @" + b.kind() + " is only for the exit advice");
                }
                if (b.kind() == Kind.THROWN && !onThrowable) {
                    problems.add(where() + ": @Thrown needs onThrowable = Throwable.class");
                }
                if (b.kind() == Kind.THROWN && !b.descriptor().equals("Ljava/lang/Throwable;")) {
                    problems.add(where() + ": @Thrown must be a Throwable");
                }
                if (b.kind() == Kind.ORIGIN && !b.descriptor().equals("Ljava/lang/String;")) {
                    problems.add(where() + ": @Origin must be a String");
                }
                if (b.kind() == Kind.ALL_ARGUMENTS && !b.descriptor().equals("[Ljava/lang/Object;")) {
                    problems.add(where() + ": @AllArguments must be an Object[]");
                }
                bindings.add(b);
            }
            for (int[] store : stores) {
                for (Binding b : bindings) {
                    if (b.slot() == store[0] && !b.writable()) {
                        problems.add(where() + ": writes its read-only parameter " + b.kind() + " (slot " + store[0]
                                + "); declare it readOnly = false");
                    }
                }
            }
            if (problems.size() > before) {
                return null;
            }
            int parameterSize = parameters.length == 0 ? 0 : slots[parameters.length - 1]
                    + parameters[parameters.length - 1].getSize();
            return new AdviceMethod(survey.owner, name, descriptor, List.copyOf(bindings), parameterSize,
                    Math.max(maxLocals, parameterSize), skipOn, onThrowable);
        }
    }

    /** One parameter's advice annotation and its attributes. */
    private static final class ParameterSurvey extends AnnotationVisitor {
        private final MethodSurvey method;
        private final int parameter;
        private final String annotation;
        private final Kind kind;
        private Integer index;
        private boolean writable;
        private String value;
        private final List<String> unsupported = new ArrayList<>();

        ParameterSurvey(MethodSurvey method, int parameter, String annotation) {
            super(Opcodes.ASM9);
            this.method = method;
            this.parameter = parameter;
            this.annotation = annotation;
            this.kind = kindOf(annotation);
        }

        private static Kind kindOf(String annotation) {
            switch (simple(annotation)) {
                case "@Argument": return Kind.ARGUMENT;
                case "@This": return Kind.THIS;
                case "@Return": return Kind.RETURN;
                case "@Thrown": return Kind.THROWN;
                case "@Enter": return Kind.ENTER;
                case "@Origin": return Kind.ORIGIN;
                case "@FieldValue": return Kind.FIELD;
                case "@AllArguments": return Kind.ALL_ARGUMENTS;
                default: return null;
            }
        }

        @Override
        public void visit(String attribute, Object v) {
            if (attribute.equals("value") && kind == Kind.ARGUMENT && v instanceof Integer) {
                index = (Integer) v;
            } else if (attribute.equals("value") && (kind == Kind.ORIGIN || kind == Kind.FIELD) && v instanceof String) {
                value = (String) v;
            } else if (attribute.equals("readOnly") && Boolean.FALSE.equals(v)
                    && (kind == Kind.ARGUMENT || kind == Kind.RETURN || kind == Kind.THROWN)) {
                writable = true;
            } else if (attribute.equals("readOnly") && Boolean.TRUE.equals(v) && kind != null) {
                writable = false;
            } else {
                unsupported.add(attribute + " = " + v);
            }
        }

        @Override
        public void visitEnum(String attribute, String enumDescriptor, String v) {
            // typing: the weaver casts a reference whose type differs from the advice's, in either typing.
            if (!(attribute.equals("typing") && enumDescriptor.endsWith("/Assigner$Typing;")
                    && (kind == Kind.ARGUMENT || kind == Kind.RETURN || kind == Kind.FIELD))) {
                unsupported.add(attribute + " = " + v);
            }
        }

        @Override
        public AnnotationVisitor visitArray(String attribute) {
            unsupported.add(attribute + " = {...}");
            return null;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String attribute, String d) {
            unsupported.add(attribute);
            return null;
        }

        Binding binding(List<String> problems) {
            String where = method.where() + ", parameter " + parameter + ": " + simple(annotation);
            if (kind == null) {
                problems.add(where + " is not supported by the guard's weaver");
                return null;
            }
            if (!unsupported.isEmpty()) {
                problems.add(where + "(" + String.join(", ", unsupported) + ") is not supported by the guard's weaver");
                return null;
            }
            if (kind == Kind.ARGUMENT && index == null) {
                problems.add(where + " needs its index");
                return null;
            }
            if (kind == Kind.ORIGIN && !"#m".equals(value) && !"#t.#m#d".equals(value)) {
                problems.add(where + "(\"" + value + "\") is not supported: only \"#m\", the method's name, and"
                        + " \"#t.#m#d\", its type, name and descriptor");
                return null;
            }
            if (kind == Kind.FIELD && (value == null || value.isEmpty())) {
                problems.add(where + " needs the field's name");
                return null;
            }
            return new Binding(kind, index == null ? -1 : index, writable, value,
                    method.parameters[parameter].getDescriptor(), method.slots[parameter]);
        }
    }

    private static String simple(String annotationDescriptor) {
        int dollar = annotationDescriptor.lastIndexOf('$');
        int slash = annotationDescriptor.lastIndexOf('/');
        return "@" + annotationDescriptor.substring(Math.max(dollar, slash) + 1, annotationDescriptor.length() - 1);
    }
}
