package dev.agentguard.agent.install;

import dev.agentguard.agent.hooks.Hook;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

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

    public static void install(Instrumentation instrumentation, List<Hook> hooks) throws HookInstallException {
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

        Set<String> transformed = ConcurrentHashMap.newKeySet();
        Map<String, Throwable> errors = new ConcurrentHashMap<>();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .ignore(ElementMatchers.none())
                .with(new Listener(transformed, errors));
        for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
            List<Hook> rows = entry.getValue();
            builder = builder.type(ElementMatchers.named(entry.getKey()))
                    .transform(new RowsTransformer(rows));
        }
        builder.installOn(instrumentation);

        for (String className : byClass.keySet()) {
            Throwable error = errors.get(className);
            if (error != null) {
                problems.add("cannot install the hooks of " + className + ": " + error);
            } else if (!transformed.contains(className)) {
                problems.add("the hooks of " + className + " were not installed (the class was not transformed)");
            }
        }
        if (!problems.isEmpty()) {
            throw new HookInstallException(problems);
        }
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

    /** Applies the advice of every row for one class, each to its exact method. */
    private static final class RowsTransformer implements AgentBuilder.Transformer {
        private final List<Hook> rows;

        RowsTransformer(List<Hook> rows) {
            this.rows = rows;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader loader, JavaModule module,
                                                java.security.ProtectionDomain domain) {
            // One visitor for the class, with each row's advice bound to its exact method: one pass.
            AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
            for (Hook row : rows) {
                ElementMatcher.Junction<MethodDescription> method = row.method().equals("<init>")
                        ? ElementMatchers.<MethodDescription>isConstructor()
                        : ElementMatchers.<MethodDescription>named(row.method());
                visitor = visitor.invokable(method.and(ElementMatchers.hasDescriptor(row.descriptor())),
                        advice(row.advice()));
            }
            return builder.visit(visitor);
        }
    }

    /** Each advice class is read once, however many rows and classes use it. */
    private static final Map<Class<?>, Advice> ADVICE = new ConcurrentHashMap<>();

    private static Advice advice(Class<?> adviceClass) {
        Advice advice = ADVICE.get(adviceClass);
        if (advice == null) {
            advice = Advice.to(adviceClass);
            ADVICE.put(adviceClass, advice);
        }
        return advice;
    }

    /** Records which classes were transformed and which failed. */
    private static final class Listener extends AgentBuilder.Listener.Adapter {
        private final Set<String> transformed;
        private final Map<String, Throwable> errors;

        Listener(Set<String> transformed, Map<String, Throwable> errors) {
            this.transformed = transformed;
            this.errors = errors;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformed.add(type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            errors.put(typeName, throwable);
        }
    }
}
