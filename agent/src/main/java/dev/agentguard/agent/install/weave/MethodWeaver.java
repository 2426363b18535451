package dev.agentguard.agent.install.weave;

import dev.agentguard.agent.install.weave.Binding.Kind;
import dev.agentguard.agent.install.weave.ClassWeaver.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Inlines an advice class into one method, with the semantics of Byte Buddy's inlined {@code Advice}:
 *
 * <pre>
 *   [enter advice; its return value kept in a local]
 *   [skipOn: a non-default value jumps to "skipped"]
 *   body start                                    (covered by the Throwable handler with onThrowable)
 *     original code; each return stores its value and jumps to "returned"
 *   body end
 *   skipped:  return value = default; go to "returned" (without exit advice: return the default)
 *   handler:  thrown = the exception; return value = default; go to "exit"
 *   returned: thrown = null
 *   exit:     [exit advice]; if thrown != null, throw it; else return the return value
 * </pre>
 *
 * The method's own locals move up to make room, just after the arguments, for the enter value, the return
 * value, the exception and the advice's own locals; stack map frames are computed by the class writer.
 * The exception handler is registered last, after the method's own handlers, so that those still catch
 * first, as in the original code.
 */
final class MethodWeaver extends MethodVisitor {
    private final String owner;
    private final String name;
    private final String methodDescriptor;
    private final boolean isStatic;
    private final AdviceClass advice;
    private final AdviceMethod enter;
    private final AdviceMethod exit;
    private final Type[] arguments;
    private final int[] argumentSlots;
    private final Type returnType;
    private final Map<String, Field> fields = new HashMap<>();
    private final Runnable done;

    /** The first slot after the arguments: the method's own locals start here, before the shift. */
    private final int firstLocal;
    private final int shift;
    private final int enterSlot;
    private final int returnSlot;
    private final int thrownSlot;
    private final int enterLocals;
    private final int exitLocals;

    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label skipped = new Label();
    private final Label handler = new Label();
    private final Label returned = new Label();
    private final Label exitStart = new Label();

    MethodWeaver(MethodVisitor next, String owner, int access, String name, String descriptor, AdviceClass advice,
                 Function<String, Field> fieldLookup, List<String> problems, Runnable done) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.name = name;
        this.methodDescriptor = descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.advice = advice;
        this.enter = advice.enter();
        this.exit = advice.exit();
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.done = done;
        this.argumentSlots = new int[arguments.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < arguments.length; i++) {
            argumentSlots[i] = slot;
            slot += arguments[i].getSize();
        }
        this.firstLocal = slot;
        this.enterSlot = slot;
        slot += enter == null ? 0 : Type.getReturnType(enter.descriptor()).getSize();
        this.returnSlot = slot;
        slot += exit == null ? 0 : returnType.getSize();
        this.thrownSlot = slot;
        slot += exit != null && exit.onThrowable() ? 1 : 0;
        this.enterLocals = slot;
        slot += enter == null ? 0 : enter.maxLocals() - enter.parameterSize();
        this.exitLocals = slot;
        slot += exit == null ? 0 : exit.maxLocals() - exit.parameterSize();
        this.shift = slot - firstLocal;
        String where = owner.replace('/', '.') + "." + name + descriptor + " (" + advice.name() + ")";
        check(where, enter, true, fieldLookup, problems);
        check(where, exit, false, fieldLookup, problems);
    }

    /** Whether the advice's bindings fit this method; each misfit is added to {@code problems}. */
    private void check(String where, AdviceMethod method, boolean isEnter, Function<String, Field> fieldLookup,
                       List<String> problems) {
        if (method == null) {
            return;
        }
        boolean constructor = name.equals("<init>");
        if (constructor && isEnter && method.skipOn()) {
            problems.add(where + ": a constructor's body cannot be skipped");
        }
        if (constructor && !isEnter && method.onThrowable()) {
            problems.add(where + ": a constructor's exceptions cannot be caught around its super call");
        }
        for (Binding b : method.bindings()) {
            switch (b.kind()) {
                case THIS:
                    if (isStatic || (constructor && isEnter)) {
                        problems.add(where + ": @This is not available " + (isStatic ? "in a static method"
                                : "before the constructor's super call"));
                    }
                    break;
                case ARGUMENT:
                    if (b.index() < 0 || b.index() >= arguments.length) {
                        problems.add(where + ": @Argument(" + b.index() + ") but the method has " + arguments.length
                                + " arguments");
                    } else {
                        checkType(where, "@Argument(" + b.index() + ")", arguments[b.index()], b, problems);
                    }
                    break;
                case RETURN:
                    if (returnType.getSort() == Type.VOID) {
                        problems.add(where + ": @Return on a void method");
                    } else {
                        checkType(where, "@Return", returnType, b, problems);
                    }
                    break;
                case FIELD:
                    Field field = fieldLookup.apply(b.name());
                    if (field == null) {
                        problems.add(where + ": @FieldValue(\"" + b.name() + "\"): no such field");
                    } else if (!field.isStatic() && (isStatic || (constructor && isEnter))) {
                        problems.add(where + ": @FieldValue(\"" + b.name() + "\") is an instance field, not available "
                                + (isStatic ? "in a static method" : "before the constructor's super call"));
                    } else {
                        fields.put(b.name(), field);
                        checkType(where, "@FieldValue(\"" + b.name() + "\")", Type.getType(field.descriptor()), b,
                                problems);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** A primitive must match exactly; references are cast where their types differ. */
    private static void checkType(String where, String what, Type target, Binding b, List<String> problems) {
        Type adviceType = Type.getType(b.descriptor());
        boolean targetReference = target.getSort() >= Type.ARRAY;
        boolean adviceReference = adviceType.getSort() >= Type.ARRAY;
        if ((targetReference || adviceReference) ? targetReference != adviceReference : !target.equals(adviceType)) {
            problems.add(where + ": " + what + " is " + target.getDescriptor() + " in the method but "
                    + b.descriptor() + " in the advice");
        }
    }

    // ---- the method's own code ------------------------------------------------------------------------

    @Override
    public void visitCode() {
        super.visitCode();
        if (enter != null) {
            inline(enter, enterLocals);
            if (enter.skipOn()) {
                Type type = Type.getReturnType(enter.descriptor());
                mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), enterSlot);
                mv.visitJumpInsn(type.getSort() >= Type.ARRAY ? Opcodes.IFNONNULL : Opcodes.IFNE, skipped);
            }
        }
        if (exit != null && exit.onThrowable()) {
            mv.visitLabel(bodyStart);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (returnType.getSort() != Type.VOID) {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
            }
            mv.visitJumpInsn(Opcodes.GOTO, returned);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        super.visitVarInsn(opcode, local(var));
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        super.visitIincInsn(local(var), increment);
    }

    @Override
    public void visitLocalVariable(String n, String descriptor, String signature, Label start, Label end, int index) {
        super.visitLocalVariable(n, descriptor, signature, start, end, local(index));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start, Label[] end,
                                                          int[] index, String descriptor, boolean visible) {
        return null; // would need its slots moved; the JDK's code has none worth keeping
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        // Recomputed by the class writer for the woven method.
    }

    private int local(int var) {
        return var >= firstLocal ? var + shift : var;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        boolean skip = enter != null && enter.skipOn();
        if (exit != null && exit.onThrowable()) {
            mv.visitLabel(bodyEnd);
        }
        if (skip) {
            mv.visitLabel(skipped);
            if (exit != null) {
                storeDefaultReturn();
                mv.visitJumpInsn(Opcodes.GOTO, returned);
            } else {
                pushDefault(returnType);
                mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            }
        }
        if (exit != null) {
            if (exit.onThrowable()) {
                mv.visitLabel(handler);
                mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                storeDefaultReturn();
                mv.visitJumpInsn(Opcodes.GOTO, exitStart);
            }
            mv.visitLabel(returned);
            if (exit.onThrowable()) {
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            }
            mv.visitLabel(exitStart);
            inline(exit, exitLocals);
            if (exit.onThrowable()) {
                Label normal = new Label();
                mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                mv.visitJumpInsn(Opcodes.IFNULL, normal);
                mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                mv.visitInsn(Opcodes.ATHROW);
                mv.visitLabel(normal);
            }
            if (returnType.getSort() != Type.VOID) {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
            }
            mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            if (exit.onThrowable()) {
                // Last in the table: the method's own handlers, registered before, still catch first.
                mv.visitTryCatchBlock(bodyStart, bodyEnd, handler, "java/lang/Throwable");
            }
        }
        super.visitMaxs(maxStack, maxLocals);
        done.run();
    }

    private void storeDefaultReturn() {
        if (returnType.getSort() != Type.VOID) {
            pushDefault(returnType);
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
        }
    }

    private void pushDefault(Type type) {
        switch (type.getSort()) {
            case Type.VOID:
                break;
            case Type.LONG:
                mv.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                mv.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                mv.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.ARRAY:
            case Type.OBJECT:
                mv.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                mv.visitInsn(Opcodes.ICONST_0);
        }
    }

    // ---- the advice's code -----------------------------------------------------------------------------

    /** Copies {@code method}'s code here; its own locals go from {@code base}. */
    private void inline(AdviceMethod method, int base) {
        Label end = new Label();
        advice.replay(method, new AdviceCopier(method, base, end));
        mv.visitLabel(end);
    }

    /**
     * Replays an advice method into the hooked one: parameters become what they stand for, the advice's
     * locals move to their slots, and each return becomes a jump to the end (the enter advice's value kept).
     */
    private final class AdviceCopier extends MethodVisitor {
        private final AdviceMethod method;
        private final int base;
        private final Label end;

        AdviceCopier(AdviceMethod method, int base, Label end) {
            super(Opcodes.ASM9, MethodWeaver.this.mv);
            this.method = method;
            this.base = base;
            this.end = end;
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            Binding b = method.bindingAt(var);
            if (b == null) {
                super.visitVarInsn(opcode, base + var - method.parameterSize());
            } else if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                store(b);
            } else {
                load(b);
            }
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            Binding b = method.bindingAt(var);
            if (b == null) {
                super.visitIincInsn(base + var - method.parameterSize(), increment);
            } else {
                load(b);
                super.visitLdcInsn(increment);
                super.visitInsn(Opcodes.IADD);
                store(b);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                if (opcode != Opcodes.RETURN) {
                    super.visitVarInsn(Type.getReturnType(method.descriptor()).getOpcode(Opcodes.ISTORE), enterSlot);
                }
                super.visitJumpInsn(Opcodes.GOTO, end);
                return;
            }
            super.visitInsn(opcode);
        }

        private void load(Binding b) {
            Type adviceType = Type.getType(b.descriptor());
            switch (b.kind()) {
                case THIS:
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    castTo(Type.getObjectType(owner), adviceType);
                    break;
                case ARGUMENT:
                    Type argument = arguments[b.index()];
                    mv.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), argumentSlots[b.index()]);
                    castTo(argument, adviceType);
                    break;
                case RETURN:
                    mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
                    castTo(returnType, adviceType);
                    break;
                case THROWN:
                    mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    break;
                case ENTER:
                    mv.visitVarInsn(adviceType.getOpcode(Opcodes.ILOAD), enterSlot);
                    break;
                case ORIGIN:
                    mv.visitLdcInsn(b.name().equals("#m") ? name : owner.replace('/', '.') + "." + name + methodDescriptor);
                    break;
                case ALL_ARGUMENTS:
                    loadAllArguments();
                    break;
                case FIELD:
                    Field field = fields.get(b.name());
                    if (field.isStatic()) {
                        mv.visitFieldInsn(Opcodes.GETSTATIC, field.owner(), b.name(), field.descriptor());
                    } else {
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, field.owner(), b.name(), field.descriptor());
                    }
                    castTo(Type.getType(field.descriptor()), adviceType);
                    break;
                default:
                    throw new IllegalStateException("unknown binding " + b);
            }
        }

        /** A new {@code Object[]} holding the arguments, primitives boxed as {@code Integer.valueOf} and the like. */
        private void loadAllArguments() {
            mv.visitLdcInsn(arguments.length);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < arguments.length; i++) {
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(i);
                Type argument = arguments[i];
                mv.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), argumentSlots[i]);
                box(argument);
                mv.visitInsn(Opcodes.AASTORE);
            }
        }

        private void box(Type type) {
            String boxed;
            switch (type.getSort()) {
                case Type.BOOLEAN: boxed = "java/lang/Boolean"; break;
                case Type.CHAR: boxed = "java/lang/Character"; break;
                case Type.BYTE: boxed = "java/lang/Byte"; break;
                case Type.SHORT: boxed = "java/lang/Short"; break;
                case Type.INT: boxed = "java/lang/Integer"; break;
                case Type.FLOAT: boxed = "java/lang/Float"; break;
                case Type.LONG: boxed = "java/lang/Long"; break;
                case Type.DOUBLE: boxed = "java/lang/Double"; break;
                default: return;
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed, "valueOf",
                    "(" + type.getDescriptor() + ")L" + boxed + ";", false);
        }

        /** Only writable bindings reach here: {@link AdviceClass} refuses stores to the others. */
        private void store(Binding b) {
            Type adviceType = Type.getType(b.descriptor());
            switch (b.kind()) {
                case ARGUMENT:
                    Type argument = arguments[b.index()];
                    castTo(adviceType, argument);
                    mv.visitVarInsn(argument.getOpcode(Opcodes.ISTORE), argumentSlots[b.index()]);
                    break;
                case RETURN:
                    castTo(adviceType, returnType);
                    mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
                    break;
                case THROWN:
                    mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                    break;
                default:
                    throw new IllegalStateException("store to read-only " + b);
            }
        }

        /** A reference of type {@code from} used as {@code to}: cast unless the types match or {@code to} is Object. */
        private void castTo(Type from, Type to) {
            if (to.getSort() >= Type.ARRAY && !from.equals(to) && !to.getInternalName().equals("java/lang/Object")) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
        }

        // Debug information, frames and sizes of the advice method are not copied.
        @Override
        public void visitLineNumber(int line, Label start) {}

        @Override
        public void visitLocalVariable(String n, String d, String s, Label start, Label e, int index) {}

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {}

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {}

        @Override
        public void visitCode() {}

        @Override
        public void visitEnd() {}

        @Override
        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String d, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            return null;
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {}

        @Override
        public void visitParameter(String n, int access) {}

        @Override
        public void visitAttribute(net.bytebuddy.jar.asm.Attribute attribute) {}

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String d, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String d, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String d, boolean visible) {
            return null;
        }

        @Override
        public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start,
                                                              Label[] e, int[] index, String d, boolean visible) {
            return null;
        }
    }
}
