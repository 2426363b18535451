package dev.agentguard.agent.install;

import dev.agentguard.agent.hooks.Hook;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Installs the rows of {@link dev.agentguard.agent.hooks.HookTable} with Byte Buddy and proves they went
 * in: every named method must exist with its exact descriptor, and every named class must have been
 * retransformed without error. Anything less throws, and the agent refuses to start the JVM.
 *
 * <p>Classes are matched by exact name only (no subtype scans), and each is loaded before the install so
 * that its transformation happens now, where it can be verified, not at some later first use.
 */
public final class HookInstaller {
    private HookInstaller() {}

    /** Verifies, prepares and installs in one go. */
    public static void install(Instrumentation instrumentation, List<Hook> hooks, ReweaveRefused refused)
            throws HookInstallException {
        verify(hooks).prepare().install(instrumentation, refused);
    }

    /**
     * The first step: every row's method must exist with its exact descriptor, and the target classes are
     * loaded (not initialized). Like {@link Verified#prepare} it needs neither the policy nor the bridge, and
     * the agent runs both on a second thread while the policy loads.
     */
    public static Verified verify(List<Hook> hooks) throws HookInstallException {
        Map<String, List<Hook>> byClass = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Hook hook : hooks) {
            byClass.computeIfAbsent(hook.className(), k -> new ArrayList<>()).add(hook);
            String missing = verifyMethodExists(hook);
            if (missing != null) {
                problems.add(missing);
            }
        }
        if (!problems.isEmpty()) {
            throw new HookInstallException(problems);
        }
        Class<?>[] targets = new Class<?>[byClass.size()];
        int i = 0;
        for (String className : byClass.keySet()) {
            try {
                targets[i++] = Class.forName(className, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new HookInstallException(List.of("cannot load " + className + ": " + e));
            }
        }
        return new Verified(byClass, targets);
    }

    /** Rows whose methods exist; {@link #prepare} reads their advice. */
    public static final class Verified {
        private final Map<String, List<Hook>> byClass;
        private final Class<?>[] targets;

        private Verified(Map<String, List<Hook>> byClass, Class<?>[] targets) {
            this.byClass = byClass;
            this.targets = targets;
        }

        /** Reads every row's advice (from class files: it needs neither the policy nor the bridge). */
        public Prepared prepare() {
            return new Prepared(byClass, targets, new HookTransformer(byClass));
        }
    }

    /** Hooks ready to go in: {@link #install} retransforms their classes and proves each was woven. */
    public static final class Prepared {
        private final Map<String, List<Hook>> byClass;
        private final Class<?>[] targets;
        private final HookTransformer transformer;

        private Prepared(Map<String, List<Hook>> byClass, Class<?>[] targets, HookTransformer transformer) {
            this.byClass = byClass;
            this.targets = targets;
            this.transformer = transformer;
        }

        /**
         * Retransforms the hooked classes and proves each was woven. From then on a retransformation or
         * redefinition by another agent that the guard cannot weave is refused (see {@link #VETO}) and
         * reported to {@code refused}.
         */
        public void install(Instrumentation instrumentation, ReweaveRefused refused) throws HookInstallException {
            List<String> problems = new ArrayList<>();
            // The transformer stays registered, retransform-capable, for the life of the JVM: another agent
            // that retransforms a hooked class (JaCoCo, OpenTelemetry) passes its bytes through it again,
            // and the hooks are woven in again (docs/design/jvm-machinery.md section 3).
            instrumentation.addTransformer(transformer, true);
            try {
                instrumentation.retransformClasses(targets);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                instrumentation.removeTransformer(transformer);
                problems.add("cannot install the hooks: " + e);
            }
            for (String className : byClass.keySet()) {
                Throwable error = transformer.errors.get(className);
                if (error != null) {
                    problems.add("cannot install the hooks of " + className + ": " + error);
                } else if (!transformer.transformed.contains(className)) {
                    problems.add("the hooks of " + className
                            + " were not installed (the class was not transformed)");
                }
            }
            if (!problems.isEmpty()) {
                throw new HookInstallException(problems);
            }
            transformer.refused = refused;
        }
    }

    /** Told when a retransformation of a hooked class was refused because the guard could not weave it. */
    public interface ReweaveRefused {
        void refused(String className, Throwable error);
    }

    /**
     * What the transformer hands back for a hooked class it cannot weave once the hooks are in: bytes no
     * JVM accepts ({@code 0xDEADBEEF} is not the class-file magic). The JVM then refuses the whole
     * retransformation or redefinition with a {@code ClassFormatError} thrown to the agent that asked for
     * it, and the class keeps its current, hooked, code. A transformer cannot veto otherwise: returning
     * null, or throwing (the JDK ignores a transformer's exception), would let the other agent's bytes in
     * without the hooks.
     */
    static byte[] veto() {
        return new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 0, 0, 0, 0};
    }

    /** Loads the class (without initializing it) and finds the method; returns a problem, or null. */
    static String verifyMethodExists(Hook hook) {
        Class<?> type;
        try {
            type = Class.forName(hook.className(), false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return "hook " + hook.id() + ": class " + hook.className() + " is not in this JDK";
        }
        List<Executable> candidates = new ArrayList<>();
        if (hook.method().equals("<init>")) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                candidates.add(c);
            }
        } else {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(hook.method())) {
                    candidates.add(m);
                }
            }
        }
        for (Executable e : candidates) {
            if (descriptor(e).equals(hook.descriptor())) {
                return null;
            }
        }
        return "hook " + hook.id() + ": " + hook.className() + " has no method " + hook.method() + hook.descriptor()
                + " in this JDK (" + Runtime.version() + ")";
    }

    static String descriptor(Executable e) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : e.getParameterTypes()) {
            sb.append(p.descriptorString());
        }
        sb.append(')');
        sb.append(e instanceof Method ? ((Method) e).getReturnType().descriptorString() : "V");
        return sb.toString();
    }

    /** Each advice class is read once, however many rows and classes use it. */
    private static final Map<Class<?>, Advice> ADVICE = new ConcurrentHashMap<>();

    /**
     * The advice is read from its class files in guard.jar by Byte Buddy's type pool, never through its
     * {@code Class}: reflection would link the advice class, and linking loads the bridge types it names
     * before their origin on the boot class path is verified ({@link BootClassPath}). Read this way, the
     * advice can be prepared while the policy loads, before the bridge is checked and loaded.
     */
    private static final ClassFileLocator ADVICE_FILES =
            ClassFileLocator.ForClassLoader.of(HookInstaller.class.getClassLoader());
    private static final TypePool ADVICE_TYPES = TypePool.Default.WithLazyResolution.of(ADVICE_FILES);

    private static Advice advice(Class<?> adviceClass) {
        Advice advice = ADVICE.get(adviceClass);
        if (advice == null) {
            advice = Advice.to(ADVICE_TYPES.describe(adviceClass.getName()).resolve(), ADVICE_FILES);
            ADVICE.put(adviceClass, advice);
        }
        return advice;
    }

    /**
     * Weaves the rows' advice into the classes being retransformed, with Byte Buddy's {@code decorate}: the
     * class keeps its shape (no new members), and only the named methods get advice. {@code AgentBuilder} is
     * not used: its set-up alone loads some 850 classes and cost a quarter of a second at every start.
     */
    private static final class HookTransformer implements ClassFileTransformer {
        private final Map<String, AsmVisitorWrapper> byInternalName = new HashMap<>();
        final Set<String> transformed = ConcurrentHashMap.newKeySet();
        final Map<String, Throwable> errors = new ConcurrentHashMap<>();
        /** Set once the hooks are in and proven; before that a failure refuses the start instead. */
        volatile ReweaveRefused refused;
        private final ByteBuddy byteBuddy = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

        HookTransformer(Map<String, List<Hook>> byClass) {
            for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
                byInternalName.put(entry.getKey().replace('.', '/'), adviceFor(entry.getValue()));
            }
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            AsmVisitorWrapper visitor = internalName == null ? null : byInternalName.get(internalName);
            if (visitor == null || classBeingRedefined == null) {
                return null;
            }
            String className = classBeingRedefined.getName();
            try {
                byte[] woven = weave(classBeingRedefined, classFile, visitor);
                transformed.add(className);
                return woven;
            } catch (Throwable e) {
                ReweaveRefused after = refused;
                if (after == null) {
                    errors.put(className, e);
                    return null;
                }
                try {
                    after.refused(className, e);
                } catch (Throwable ignored) {
                    // The refusal below does not depend on the record.
                }
                return veto();
            }
        }

        /** One visitor for the class, with each row's advice bound to its exact method: one pass. */
        private static AsmVisitorWrapper adviceFor(List<Hook> rows) {
            AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
            for (Hook row : rows) {
                ElementMatcher.Junction<MethodDescription> method = row.method().equals("<init>")
                        ? ElementMatchers.<MethodDescription>isConstructor()
                        : ElementMatchers.<MethodDescription>named(row.method());
                visitor = visitor.invokable(method.and(ElementMatchers.hasDescriptor(row.descriptor())),
                        advice(row.advice()));
            }
            return visitor;
        }

        private byte[] weave(Class<?> type, byte[] classFile, AsmVisitorWrapper visitor) {
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(type.getName(), classFile),
                    ClassFileLocator.ForClassLoader.of(type.getClassLoader()));
            return byteBuddy.decorate(TypeDescription.ForLoadedType.of(type), locator)
                    .visit(visitor)
                    .make(TypePool.Default.WithLazyResolution.of(locator))
                    .getBytes();
        }
    }
}
