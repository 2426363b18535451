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
 * <p>Classes are matched by exact name only (no subtype scans), and only in the boot loader. A hooked class
 * that the JVM has already loaded is retransformed at install and proven woven there. One it has not loaded
 * yet is not retransformed: its class file, as the JDK ships it, is woven before the install (which proves
 * each of its rows, and fails the start naming them, like a retransformation), and the install then loads it
 * (not initialized), the transformer handing the JVM the woven bytes. No first definition is left to the
 * application: one made with too little stack for the JVM's call into the transformers would define the
 * class unwoven (StackEdgeDefinitionTest). A definition the guard cannot weave is refused (the class cannot
 * load) and, once the guard runs, stops the JVM (docs/design/startup.md, "Lazy hooks").
 */
public final class HookInstaller {
    private HookInstaller() {}

    /** Verifies, prepares and installs in one go. */
    public static void install(Instrumentation instrumentation, List<Hook> hooks, ReweaveRefused refused)
            throws HookInstallException {
        verify(hooks, instrumentation).prepare().install(instrumentation, refused);
    }

    /**
     * The first step: splits the hooked classes into those the boot loader has loaded (each row's method must
     * exist with its exact descriptor, by reflection) and those it has not (left unloaded: {@link
     * Verified#prepare} proves their rows on their class files). Like {@link Verified#prepare} it needs neither
     * the policy nor the bridge, and the agent runs both on a second thread while the policy loads.
     */
    public static Verified verify(List<Hook> hooks, Instrumentation instrumentation) throws HookInstallException {
        Map<String, List<Hook>> byClass = new LinkedHashMap<>();
        for (Hook hook : hooks) {
            List<Hook> rows = byClass.get(hook.className());
            if (rows == null) {
                rows = new ArrayList<>();
                byClass.put(hook.className(), rows);
            }
            rows.add(hook);
        }
        loadWhatTheStartLoads(byClass.keySet());
        Map<String, Class<?>> loaded = loadedTargets(instrumentation, byClass.keySet());
        List<String> problems = new ArrayList<>();
        for (Hook hook : hooks) {
            if (loaded.containsKey(hook.className())) {
                String missing = verifyMethodExists(hook);
                if (missing != null) {
                    problems.add(missing);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new HookInstallException(problems);
        }
        return new Verified(byClass, loaded.keySet());
    }

    /**
     * Hooked classes that the guard's own start loads anyway before the install, seen with
     * {@code -Xlog:class+load} (and, on JDK 25, {@code LogClassLoadingCauseFor}). Left unloaded here they were woven
     * ahead, then loaded by the start before the install, which retransformed them: woven twice.
     */
    static final List<String> LOADED_BY_THE_START = List.of(
            "java.lang.ProcessEnvironment",            // PolicyContext.ofThisJvm reads PATH
            "java.lang.ProcessImpl",                   // the same read, on JDK 25
            "sun.nio.fs.UnixSecureDirectoryStream",    // Baseline walks java.home for links that leave it
            "sun.nio.ch.FileChannelImpl",              // the bridge's package defined: the boot loader reads guard.jar's manifest
            "sun.nio.ch.SocketChannelImpl",            // the same, on JDK 25
            "java.io.RandomAccessFile",                // guard.jar opened as a ZipFile, on JDK 17
            "sun.nio.fs.UnixFileAttributeViews$Basic",  // the same, on JDK 17
            // The attach flags' thread reads them through it, at the same time as the verification: loaded before
            // or after the listing by chance (woven ahead and again 1 start in 12 on JDK 17, 4 in 12 on JDK 25, two
            // starts at once).
            "com.sun.management.internal.HotSpotDiagnostic");

    /**
     * Loads (does not initialize: none of their code runs) the hooked classes of {@link #LOADED_BY_THE_START}, so
     * that each is woven once, at the install's retransformation, like a class the JVM had loaded before
     * {@code premain}. A name here that the start would not have loaded costs a retransformation instead of a
     * definition; nothing else changes.
     */
    private static void loadWhatTheStartLoads(Set<String> hooked) {
        for (String className : LOADED_BY_THE_START) {
            if (hooked.contains(className)) {
                try {
                    Class.forName(className, false, null);
                } catch (ClassNotFoundException | LinkageError e) {
                    // Not in this JDK: the install proves each hooked class as it does for any other.
                }
            }
        }
    }

    /** The hooked classes the boot loader has loaded, by name. */
    static Map<String, Class<?>> loadedTargets(Instrumentation instrumentation, Set<String> names) {
        Map<String, Class<?>> loaded = new HashMap<>();
        for (Class<?> type : instrumentation.getInitiatedClasses(null)) {
            if (type.getClassLoader() == null && names.contains(type.getName())) {
                loaded.put(type.getName(), type);
            }
        }
        return loaded;
    }

    /** Rows whose methods exist, or whose classes are not loaded yet; {@link #prepare} reads their advice. */
    public static final class Verified {
        private final Map<String, List<Hook>> byClass;
        private final Set<String> loadedAtVerify;

        private Verified(Map<String, List<Hook>> byClass, Set<String> loadedAtVerify) {
            this.byClass = byClass;
            this.loadedAtVerify = loadedAtVerify;
        }

        /**
         * Reads every row's advice (from class files: it needs neither the policy nor the bridge) and weaves the
         * class file of each hooked class the JVM has not loaded, as the JDK ships it, on this thread and a second
         * one ({@link PreparationWork}): that proves its rows (each must be woven, as at a retransformation), and
         * the woven bytes are kept for the class's first definition.
         *
         * @throws HookInstallException when an advice uses a form the weaver does not support, or a row of a
         *                              class not yet loaded cannot be woven, naming the rows
         */
        public Prepared prepare() throws HookInstallException {
            HookTransformer transformer = new HookTransformer(byClass);
            // The work, in order: weave each class not loaded yet (reading its advice), then read the advice of each
            // loaded class (woven at the install's retransformation). Two threads take items from it in turn, this one
            // and a second: on two cores the start's own threads share them with the JIT compiler threads, and the
            // hooks' chain is the start's critical path. Nothing is hooked yet, and the second thread ends before
            // this returns.
            List<String> classNames = new ArrayList<>();
            for (String className : byClass.keySet()) {
                if (!loadedAtVerify.contains(className)) {
                    classNames.add(className);
                }
            }
            int ahead = classNames.size();
            for (String className : byClass.keySet()) {
                if (loadedAtVerify.contains(className)) {
                    classNames.add(className);
                }
            }
            PreparationWork work = new PreparationWork(transformer, classNames, ahead);
            PreparationWork.Share second = work.new Share();
            Thread thread = new Thread(second, "agentguard-weave-ahead");
            thread.setDaemon(true);
            thread.start();
            PreparationWork.Share own = work.new Share();
            own.run();
            List<String> problems = new ArrayList<>();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while the hooks were woven");
            }
            for (PreparationWork.Share share : List.of(own, second)) {
                problems.addAll(share.problems);
                if (share.failure != null) {
                    problems.add("cannot weave the hooks ahead: " + share.failure);
                }
            }
            if (!problems.isEmpty()) {
                throw new HookInstallException(problems);
            }
            return new Prepared(byClass, transformer);
        }
    }

    /**
     * The preparation's items ({@link Verified#prepare}), taken in turn by the threads that share them: the classes
     * not loaded yet, each woven ahead, then the loaded ones, whose advice is read.
     */
    private static final class PreparationWork {
        private final HookTransformer transformer;
        private final List<String> classNames;
        private final int ahead;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        PreparationWork(HookTransformer transformer, List<String> classNames, int ahead) {
            this.transformer = transformer;
            this.classNames = classNames;
            this.ahead = ahead;
        }

        /** One thread's share: items until none is left; its problems are its own. */
        final class Share implements Runnable {
            final List<String> problems = new ArrayList<>();
            volatile Throwable failure;

            @Override
            public void run() {
                try {
                    for (int i = next.getAndIncrement(); i < classNames.size(); i = next.getAndIncrement()) {
                        String className = classNames.get(i);
                        if (i < ahead) {
                            transformer.weaveAhead(className, problems);
                        } else {
                            transformer.readAdvice(className.replace('.', '/'), problems);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
        }
    }

    /**
     * Hooks ready to go in: {@link #install} registers the transformer, retransforms the hooked classes the JVM
     * has loaded, defines the others through it, and proves every row woven.
     */
    public static final class Prepared {
        private final Map<String, List<Hook>> byClass;
        private final HookTransformer transformer;
        private int retransformed;

        private Prepared(Map<String, List<Hook>> byClass, HookTransformer transformer) {
            this.byClass = byClass;
            this.transformer = transformer;
        }

        /**
         * Registers the transformer, then retransforms every hooked class the boot loader has loaded by then
         * (looked up after the registration, so that a class is either seen here or defined through the
         * transformer), loads each one it has not seen (not initialized: the transformer hands the JVM its bytes
         * woven ahead) and proves each row went in. From then on a retransformation or redefinition by
         * another agent that the guard cannot weave is refused (see {@link #veto}) and reported to
         * {@code refused}, and so is a first definition it cannot weave.
         */
        public void install(Instrumentation instrumentation, ReweaveRefused refused) throws HookInstallException {
            List<String> problems = new ArrayList<>();
            // The transformer stays registered, retransform-capable, for the life of the JVM: another agent
            // that retransforms a hooked class (JaCoCo, OpenTelemetry) passes its bytes through it again,
            // and the hooks are woven in again (docs/design/jvm-machinery.md section 3); and a hooked class
            // the JVM has not loaded yet is woven when it is first defined.
            instrumentation.addTransformer(transformer, true);
            try {
                // Each hooked class, looked up after the registration: one the JVM has not loaded yet is defined
                // now (not initialized), through the transformer, which hands it the bytes woven ahead; one it had
                // loaded already (or that was defined meanwhile without passing the transformer) is retransformed.
                // No first definition is left to the application: made with so little stack left that the JVM's
                // call into the transformers overflows before the guard's code runs, java.lang.instrument
                // swallows that StackOverflowError and the class is defined as the JDK ships it, without its
                // hooks (StackEdgeDefinitionTest).
                // A mark of the transformer's alone does not spare a class the retransformation: it also sees
                // attempts the JVM then refuses (another agent's redefinition that changes the schema, a second
                // definition of a class already loaded), which leave the class as it was, unwoven
                // (InstallSpoofTest). Only a first definition spares it: one the boot loader's own search made
                // through the transformer (not one asked for with bytes, see fromBytes), of a class that was not
                // loaded when the transformer was registered.
                Set<String> loadedAtRegistration = loadedTargets(instrumentation, byClass.keySet()).keySet();
                List<Class<?>> loaded = new ArrayList<>();
                for (String className : byClass.keySet()) {
                    Class<?> type = Class.forName(className, false, null);
                    if (loadedAtRegistration.contains(className) || !transformer.defined.contains(className)) {
                        loaded.add(type);
                    }
                }
                if (!loaded.isEmpty()) {
                    instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
                    retransformed = loaded.size();
                }
            } catch (UnmodifiableClassException | ClassNotFoundException | RuntimeException | LinkageError e) {
                instrumentation.removeTransformer(transformer);
                problems.add("cannot install the hooks: " + e);
            }
            for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
                String className = entry.getKey();
                Throwable error = transformer.errors.get(className);
                // Every hooked class is loaded by now: each must have gone through the transformer.
                if (error != null) {
                    problems.add("cannot install the hooks of " + className + ": "
                            + (error instanceof WeaveException ? error.getMessage() : error.toString()));
                } else if (!transformer.transformed.contains(className)) {
                    problems.add("the hooks of " + className
                            + " were not installed (the class was not transformed)");
                }
                // Per row: a class that was transformed proves nothing about a method that was not woven.
                for (Hook row : entry.getValue()) {
                    if (!transformer.woven.contains(row.id())) {
                        problems.add("hook " + row.id() + " was not woven into " + className + "." + row.method()
                                + row.descriptor());
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new HookInstallException(problems);
            }
            transformer.refused = refused;
            // A weave that failed after its class was checked above but before this (another agent's redefinition
            // racing the proof) kept no hooks (the transformer returned null, refused not set yet); from here on a
            // failure is vetoed instead. Both are volatile-ordered: either that transformer saw refused, or this
            // sees its error.
            if (!transformer.errors.isEmpty()) {
                List<String> late = new ArrayList<>();
                for (Map.Entry<String, Throwable> error : transformer.errors.entrySet()) {
                    late.add("cannot install the hooks of " + error.getKey() + " (while they were proven): "
                            + error.getValue());
                }
                throw new HookInstallException(late);
            }
        }

        /** Milliseconds the weaver itself took (ahead of the install, and at it). */
        public double weaveMillis() {
            return transformer.weaveNanos.get() / 1e6;
        }

        /**
         * How many times the weaver ran so far, ahead and at the install: once per hooked class when no class was
         * loaded between the verification and the install.
         */
        public int weaves() {
            return transformer.weaves.get();
        }

        /** How many classes are hooked. */
        public int hookedClasses() {
            return byClass.size();
        }

        /** How many hooked classes the install retransformed; the others were defined through the transformer. */
        public int retransformed() {
            return retransformed;
        }
    }

    /** Told when a retransformation of a hooked class was refused because the guard could not weave it. */
    public interface ReweaveRefused {
        void refused(String className, Throwable error);

        /**
         * A hooked class's first definition, after the install, could not be woven: the class was refused (it
         * cannot load). The guard stops the JVM here; by default this is recorded like a refused reweave.
         */
        default void firstDefinitionRefused(String className, Throwable error) {
            refused(className, error);
        }
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
     * Weaves the rows' advice into the hooked classes, when retransformed and when first defined by the boot
     * loader: the class keeps its shape (no new members), and only the named methods get advice, each bound
     * to its exact name and descriptor.
     */
    private static final class HookTransformer implements ClassFileTransformer {
        /** Per hooked class (internal name): the rows by method name + descriptor. */
        private final Map<String, Map<String, Hook>> rowsByInternalName = new HashMap<>();
        /** Per hooked class (internal name): the advice by method name + descriptor, once read. */
        private final Map<String, Map<String, AdviceClass>> byInternalName = new ConcurrentHashMap<>();
        /** Classes (binary names) woven into the JVM, at a retransformation or a first definition. */
        final Set<String> transformed = ConcurrentHashMap.newKeySet();
        /** Rows (ids) woven into the JVM. */
        final Set<String> woven = ConcurrentHashMap.newKeySet();
        final Map<String, Throwable> errors = new ConcurrentHashMap<>();
        /**
         * Classes (binary names) whose definition by the boot loader's own search the transformer wove before the
         * hooks were in. Like {@link #transformed} it is marked before the JVM takes the bytes: the install counts it
         * only for a class not loaded when the transformer was registered, and a definition asked for with bytes
         * ({@link #fromBytes}: refused by the JVM if the class is loaded already, after the transformers ran) does
         * not mark it.
         */
        final Set<String> defined = ConcurrentHashMap.newKeySet();
        /** Per class not loaded at verify (internal name): its class file as the JDK ships it, and that woven. */
        final Map<String, Ahead> ahead = new ConcurrentHashMap<>();
        /** Set once the hooks are in and proven; before that a failure refuses the start instead. */
        volatile ReweaveRefused refused;
        /** Time spent in the weaver itself, for {@code -Dagentguard.timing=true}. */
        final java.util.concurrent.atomic.AtomicLong weaveNanos = new java.util.concurrent.atomic.AtomicLong();
        /** Times the weaver ran (ahead, and at a retransformation or a definition without bytes woven ahead). */
        final java.util.concurrent.atomic.AtomicInteger weaves = new java.util.concurrent.atomic.AtomicInteger();

        HookTransformer(Map<String, List<Hook>> byClass) {
            for (Map.Entry<String, List<Hook>> entry : byClass.entrySet()) {
                Map<String, Hook> rows = new HashMap<>();
                for (Hook row : entry.getValue()) {
                    rows.put(row.method() + row.descriptor(), row);
                }
                rowsByInternalName.put(entry.getKey().replace('.', '/'), rows);
            }
        }

        /**
         * Reads the advice of a hooked class's rows, once; each row whose advice uses a form the weaver does not
         * support is added to {@code problems}. Returns the advice by method name + descriptor, or null.
         */
        Map<String, AdviceClass> readAdvice(String internalName, List<String> problems) {
            Map<String, AdviceClass> methods = byInternalName.get(internalName);
            if (methods != null) {
                return methods;
            }
            // Read outside any lock: the preparation's two threads read the advice of different classes at once. Two
            // reads of the same class (a definition racing the install) give equal maps; either one is kept.
            methods = new HashMap<>();
            int before = problems.size();
            for (Map.Entry<String, Hook> row : rowsByInternalName.get(internalName).entrySet()) {
                try {
                    methods.put(row.getKey(), advice(row.getValue().advice()));
                } catch (WeaveException e) {
                    problems.add("hook " + row.getValue().id() + ": " + e.getMessage());
                }
            }
            if (problems.size() != before) {
                return null;
            }
            Map<String, AdviceClass> first = byInternalName.putIfAbsent(internalName, methods);
            return first != null ? first : methods;
        }

        /**
         * Whether the definition being transformed was asked for with bytes ({@code Lookup.defineClass},
         * {@code Unsafe.defineClass}: the JDK's {@code defineClass0}) rather than by the boot loader finding the class.
         * Such a request for a class already loaded is refused by the JVM after the transformers ran, and the
         * class keeps what it has; it cannot spare the class the install's retransformation. Looked at only before
         * the hooks are in (a stack trace per definition of a hooked class, about twenty at the install).
         */
        private static boolean fromBytes() {
            for (StackTraceElement frame : new Throwable().getStackTrace()) {
                String owner = frame.getClassName();
                if (frame.getMethodName().startsWith("defineClass") && (owner.equals("java.lang.ClassLoader")
                        || owner.equals("jdk.internal.misc.Unsafe") || owner.equals("sun.misc.Unsafe"))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Weaves the class file of a hooked class the JVM has not loaded, as the boot loader will find it, and
         * keeps both: every row must be woven, or {@code problems} names it, as a retransformation would.
         */
        void weaveAhead(String className, List<String> problems) {
            String internalName = className.replace('.', '/');
            Map<String, AdviceClass> methods = readAdvice(internalName, problems);
            if (methods == null) {
                return;
            }
            byte[] original = ClassWeaver.classFile(internalName, null);
            if (original == null) {
                problems.add("cannot install the hooks of " + className + ": the boot loader has no class file for it");
                return;
            }
            long start = System.nanoTime();
            try {
                ClassWeaver.Result result = ClassWeaver.weave(original, null, methods);
                weaveNanos.addAndGet(System.nanoTime() - start);
                weaves.incrementAndGet();
                boolean complete = true;
                for (Map.Entry<String, Hook> row : rowsByInternalName.get(internalName).entrySet()) {
                    if (!result.woven().contains(row.getKey())) {
                        complete = false;
                        problems.add("hook " + row.getValue().id() + " was not woven into " + className + "."
                                + row.getKey());
                    }
                }
                if (complete) {
                    ahead.put(internalName, new Ahead(original, result.classFile()));
                }
            } catch (WeaveException | RuntimeException e) {
                problems.add("cannot install the hooks of " + className + ": "
                        + (e instanceof WeaveException ? e.getMessage() : e.toString()));
            }
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            Map<String, Hook> rows = internalName == null ? null : rowsByInternalName.get(internalName);
            if (rows == null) {
                return null;
            }
            boolean definition = classBeingRedefined == null;
            if (definition ? loader != null : classBeingRedefined.getClassLoader() != null) {
                return null; // a class of that name in another loader is not the JDK's
            }
            String className = definition ? internalName.replace('/', '.') : classBeingRedefined.getName();
            long start = System.nanoTime();
            try {
                Ahead known = definition ? ahead.get(internalName) : null;
                byte[] out;
                if (known != null && java.util.Arrays.equals(known.original, classFile)) {
                    out = known.woven; // proven before the install; every row woven
                    ahead.remove(internalName); // the boot loader defines a class once
                } else {
                    List<String> unsupported = new ArrayList<>();
                    Map<String, AdviceClass> methods = readAdvice(internalName, unsupported);
                    if (methods == null) {
                        throw new WeaveException(String.join("; ", unsupported));
                    }
                    ClassWeaver.Result result = ClassWeaver.weave(classFile, loader, methods);
                    weaves.incrementAndGet();
                    if (!result.woven().containsAll(methods.keySet())) {
                        Set<String> missing = new java.util.TreeSet<>(methods.keySet());
                        missing.removeAll(result.woven());
                        throw new WeaveException(className + ": not woven: " + missing);
                    }
                    out = result.classFile();
                }
                weaveNanos.addAndGet(System.nanoTime() - start);
                for (Hook row : rows.values()) {
                    woven.add(row.id());
                }
                transformed.add(className);
                if (definition && refused == null && !fromBytes()) {
                    defined.add(className);
                }
                return out;
            } catch (Throwable e) {
                ReweaveRefused after = refused;
                if (after == null) {
                    errors.put(className, e);
                    // A retransformation keeps the class's code (and the install fails, naming it); a
                    // definition must not go through without its hooks.
                    return definition ? veto() : null;
                }
                try {
                    if (definition) {
                        after.firstDefinitionRefused(className, e);
                    } else {
                        after.refused(className, e);
                    }
                } catch (Throwable ignored) {
                    // The refusal below does not depend on the record.
                }
                return veto();
            }
        }
    }

    /** A hooked class file as the JDK ships it, and the same woven, for the class's first definition. */
    private static final class Ahead {
        final byte[] original;
        final byte[] woven;

        Ahead(byte[] original, byte[] woven) {
            this.original = original;
            this.woven = woven;
        }
    }
}
