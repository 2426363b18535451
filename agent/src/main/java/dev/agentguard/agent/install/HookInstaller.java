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
import dev.agentguard.agent.install.weave.AdviceClass;
import dev.agentguard.agent.install.weave.ClassWeaver;
import dev.agentguard.agent.install.weave.WeaveException;

/**
 * Installs the rows of {@link dev.agentguard.agent.hooks.HookTable} with the guard's own weaver
 * ({@link ClassWeaver}, which inlines each row's advice) and proves they went in: every named method must
 * exist with its exact descriptor, and every row's method must have been woven (counted per row, not per
 * class). Anything less throws, naming the rows, and the agent refuses to start the JVM.
 *
 * <p>Classes are matched by exact name only (no subtype scans), and each is loaded before the install so
 * that its transformation happens now, where it can be verified, not at some later first use.
 */
public final class HookInstaller {
    private HookInstaller() {}

    /** Verifies, prepares and installs in one go. */
    public static void install(Instrumentation instrumentation, List<Hook> hooks, ReweaveRefused refused)
            throws HookInstallException {
        verify(hooks).prepare(() -> true).install(instrumentation, refused);
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

        /**
         * Reads every row's advice (from class files: it needs neither the policy nor the bridge), then warms
         * the weaver up (see {@code HookTransformer#warmUp}) until {@code stopWarmUp} says the install is
         * waiting: the warm-up only pays while something else (the policy load) holds the main thread.
         *
         * @throws HookInstallException when an advice uses a form the weaver does not support, naming its rows
         */
        public Prepared prepare(java.util.function.BooleanSupplier stopWarmUp) throws HookInstallException {
            List<String> problems = new ArrayList<>();
            Map<Class<?>, AdviceClass> advice = new HashMap<>();
            for (List<Hook> rows : byClass.values()) {
                for (Hook row : rows) {
                    if (!advice.containsKey(row.advice())) {
                        try {
                            advice.put(row.advice(), advice(row.advice()));
                        } catch (WeaveException e) {
                            advice.put(row.advice(), null);
                            problems.add("hook " + row.id() + ": " + e.getMessage());
                        }
                    } else if (advice.get(row.advice()) == null) {
                        problems.add("hook " + row.id() + ": its advice " + row.advice().getName() + " is not supported");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new HookInstallException(problems);
            }
            HookTransformer transformer = new HookTransformer(byClass, advice);
            transformer.warmUp(targets, stopWarmUp);
            return new Prepared(byClass, targets, transformer);
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
            for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
                String className = entry.getKey();
                Throwable error = transformer.errors.get(className);
                if (error != null) {
                    problems.add("cannot install the hooks of " + className + ": "
                            + (error instanceof WeaveException ? error.getMessage() : error.toString()));
                } else if (!transformer.transformed.contains(className)) {
                    problems.add("the hooks of " + className
                            + " were not installed (the class was not transformed)");
                }
                // Per row: a class that was transformed proves nothing about a method that was not woven.
                for (Hook row : entry.getValue()) {
                    if (!transformer.woven.contains(row)) {
                        problems.add("hook " + row.id() + " was not woven into " + className + "." + row.method()
                                + row.descriptor());
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new HookInstallException(problems);
            }
            transformer.refused = refused;
        }

        /** Milliseconds the weaver itself took at install (the rest is the JVM's retransformation). */
        public double weaveMillis() {
            return transformer.weaveNanos / 1e6;
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
    private static final Map<Class<?>, AdviceClass> ADVICE = new ConcurrentHashMap<>();

    /**
     * The advice is read from its class file in guard.jar, never through its {@code Class}: reflection would
     * link the advice class, and linking loads the bridge types it names before their origin on the boot
     * class path is verified ({@link BootClassPath}). Read this way, the advice can be prepared while the
     * policy loads, before the bridge is checked and loaded.
     */
    private static AdviceClass advice(Class<?> adviceClass) throws WeaveException {
        AdviceClass advice = ADVICE.get(adviceClass);
        if (advice == null) {
            advice = AdviceClass.of(adviceClass);
            ADVICE.put(adviceClass, advice);
        }
        return advice;
    }

    /**
     * Weaves the rows' advice into the classes being retransformed: the class keeps its shape (no new
     * members), and only the named methods get advice, each bound to its exact name and descriptor.
     */
    private static final class HookTransformer implements ClassFileTransformer {
        /** Per hooked class (internal name): the advice by method name + descriptor, and the rows. */
        private final Map<String, Map<String, AdviceClass>> byInternalName = new HashMap<>();
        private final Map<String, Map<String, Hook>> rowsByInternalName = new HashMap<>();
        final Set<String> transformed = ConcurrentHashMap.newKeySet();
        final Set<Hook> woven = ConcurrentHashMap.newKeySet();
        final Map<String, Throwable> errors = new ConcurrentHashMap<>();
        /** Set once the hooks are in and proven; before that a failure refuses the start instead. */
        volatile ReweaveRefused refused;
        /** Time spent in the weaver itself, for {@code -Dagentguard.timing=true}. */
        volatile long weaveNanos;

        HookTransformer(Map<String, List<Hook>> byClass, Map<Class<?>, AdviceClass> advice) {
            for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
                Map<String, AdviceClass> methods = new HashMap<>();
                Map<String, Hook> rows = new HashMap<>();
                for (Hook row : entry.getValue()) {
                    methods.put(row.method() + row.descriptor(), advice.get(row.advice()));
                    rows.put(row.method() + row.descriptor(), row);
                }
                String internalName = entry.getKey().replace('.', '/');
                byInternalName.put(internalName, methods);
                rowsByInternalName.put(internalName, rows);
            }
        }

        /**
         * Weaves each target's class file as the JDK ships it and drops the result: this runs on the preparation
         * thread while the policy loads, and leaves the weaver's classes loaded, its code warm and the class
         * hierarchy it reads for stack map frames cached, so that the install, which must weave what the JVM
         * hands it (the JVM rebuilds a loaded class's bytes, which never equal the file), takes less time. A
         * failure here is left for the install, which weaves again and reports it.
         */
        void warmUp(Class<?>[] targets, java.util.function.BooleanSupplier stop) {
            for (Class<?> target : targets) {
                if (stop.getAsBoolean()) {
                    return;
                }
                String internalName = target.getName().replace('.', '/');
                Map<String, AdviceClass> methods = byInternalName.get(internalName);
                byte[] original = ClassWeaver.classFile(internalName, target.getClassLoader());
                if (methods == null || original == null) {
                    continue;
                }
                try {
                    ClassWeaver.weave(original, target.getClassLoader(), methods);
                } catch (WeaveException | RuntimeException e) {
                    // Woven again at install, where a failure refuses the start, naming the rows.
                }
            }
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            Map<String, AdviceClass> methods = internalName == null ? null : byInternalName.get(internalName);
            if (methods == null || classBeingRedefined == null) {
                return null;
            }
            String className = classBeingRedefined.getName();
            long start = System.nanoTime();
            try {
                ClassWeaver.Result result = ClassWeaver.weave(classFile, loader, methods);
                weaveNanos += System.nanoTime() - start;
                if (!result.woven().containsAll(methods.keySet())) {
                    Set<String> missing = new java.util.TreeSet<>(methods.keySet());
                    missing.removeAll(result.woven());
                    throw new WeaveException(className + ": not woven: " + missing);
                }
                Map<String, Hook> rows = rowsByInternalName.get(internalName);
                for (String method : result.woven()) {
                    woven.add(rows.get(method));
                }
                transformed.add(className);
                return result.classFile();
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
    }
}
