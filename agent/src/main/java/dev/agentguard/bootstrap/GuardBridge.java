package dev.agentguard.bootstrap;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * The static entry points that the advice inlined into JDK methods calls. It lives on the bootstrap class
 * path (the advice runs inside {@code java.base}) and stays tiny: it only forwards to the installed
 * {@link Guard}, and keeps the guard from checking its own work.
 *
 * <p>Reentrancy: while a thread is inside a check (writing the audit log, resolving a real path, loading
 * a class), the hooks it passes through on that thread return at once. Threads that belong to the guard
 * (the killswitch watcher) are marked inside for good; the shutdown summary suspends checks for its own work.
 *
 * <p>Fail closed: an unexpected throwable from a check becomes a denial, never an allowed call.
 *
 * <p>Every entry point repeats the same enter / try / catch / finally shape on purpose: a shared helper
 * would need a lambda or a captured object per call, which allocates on the allowed path and, on JDK 17,
 * bootstraps call sites from inside hooked JDK code.
 */
public final class GuardBridge {
    private static volatile Guard guard;
    /** Handed to the agent by {@link #install}; marking a thread as the guard's own needs it. */
    private static Object key;
    private static ClassLoader agentLoader;
    private static java.security.CodeSource agentCode;
    /** When the guard runs from the boot class path (as guard.jar does): the jar the boot loader loads it from. */
    private static String agentJar;

    /** Per-thread state: the reentrancy depth, and the path a hooked method is holding (see {@link #holdFile}). */
    private static final ThreadLocal<ThreadState> DEPTH = new DepthLocal();

    /** Mutable per-thread state, so the allowed path reads and writes it without allocating. */
    static final class ThreadState {
        int depth;
        String heldPath;
        int heldMode = -1;
        /** The pipeline being started on this thread, whose stages' rate tokens its check took; or null. */
        PrepaidPipeline pipeline;
        /** The folder of the temp file {@code File.createTempFile} is making on this thread, pinned; or null. */
        AnchoredOpen tempPin;
        /** The name the JDK generated for it, as the caller is to get it back. */
        java.io.File tempGiven;
        /** This thread's holder for a descriptor's identity ({@code fstat}), reused by every check. */
        private ObjectId objectId;

        ObjectId objectId() {
            ObjectId id = objectId;
            if (id == null) {
                id = new ObjectId();
                objectId = id;
            }
            return id;
        }
    }

    /**
     * The stages of a checked pipeline, in order, and how many have started. A process start on the same
     * thread whose argv is the next stage's takes no second rate token; any other start takes its own.
     */
    static final class PrepaidPipeline {
        final String[][] argvs;
        int next;

        PrepaidPipeline(String[][] argvs) {
            this.argvs = argvs;
        }

        /** True, once per stage, when {@code argv} is the next stage's: its token was taken with the pipeline's. */
        boolean take(String[] argv) {
            if (next < argvs.length && java.util.Arrays.equals(argvs[next], argv)) {
                next++;
                return true;
            }
            return false;
        }
    }

    private GuardBridge() {}

    /**
     * Installs the guard, once: from now on every hooked call is checked. Returns the key that
     * {@link #markGuardThread} asks for; a second call (the application trying to swap or remove the guard)
     * is refused.
     */
    public static synchronized Object install(Guard installed) {
        if (guard != null || installed == null) {
            throw new GuardDeniedException("agentguard: denied replacing the installed guard (rule protected)",
                    "protected");
        }
        if (key == null) {
            key = new Object();
        }
        agentLoader = installed.getClass().getClassLoader();
        agentCode = installed.getClass().getProtectionDomain().getCodeSource();
        agentJar = agentLoader == null ? bootOrigin(installed.getClass()) : null;
        guard = installed;
        synchronized (PENDING) {
            pending = false;
            PENDING.notifyAll();
        }
        return key;
    }

    /**
     * Reserves the guard before it exists, once: the agent installs the hooks on one thread while another
     * loads the policy (docs/design/startup.md, "Overlap"). Returns the key {@link #install} will keep, so that
     * the agent's own threads can mark themselves ({@link #enterGuard}) and pass. From now until
     * {@link #install}, a hooked call on any other thread waits for the guard and is then checked by it; it is
     * never let through unchecked. The agent stops the JVM on any failure before install, so the wait ends
     * with the install or with the JVM.
     */
    public static synchronized Object reserve() {
        if (guard != null || key != null) {
            throw new GuardDeniedException("agentguard: denied replacing the installed guard (rule protected)",
                    "protected");
        }
        key = new Object();
        pending = true;
        return key;
    }

    /** Set by {@link #reserve}, cleared by {@link #install}; read only while no guard is installed. */
    private static volatile boolean pending;
    private static final Object PENDING = new Object();
    /**
     * How long a hooked call waits for a reserved guard before it is denied: far longer than any start, so
     * it only bounds a wait that could never end (a thread of the JVM holding a lock the policy load needs).
     */
    private static final long PENDING_WAIT_MILLIS = 60_000;

    /**
     * Only while no guard is installed: true when a guard is now installed, after waiting for the reserved
     * one if this thread is not the guard's own; false when none is reserved (nothing is checked yet, as
     * before any guard) or this is the guard's own start-up thread. Denies when the wait times out.
     */
    private static boolean awaitReserved() {
        if (!pending) {
            return guard != null;
        }
        if (DEPTH.get().depth > 0) {
            return false;
        }
        long deadline = System.nanoTime() + PENDING_WAIT_MILLIS * 1_000_000L;
        synchronized (PENDING) {
            while (pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GuardDeniedException("agentguard: denied: the guard did not finish starting"
                            + " (rule protected)", "protected");
                }
                try {
                    PENDING.wait(left / 1_000_000L + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GuardDeniedException("agentguard: denied: interrupted while the guard was starting"
                            + " (rule protected)", "protected");
                }
            }
        }
        return guard != null;
    }

    /** {@code guard == null}, as the hooks see it: waits for a reserved guard (see {@link #reserve}). */
    /**
     * Whether this thread is inside the guard's own work (a check in progress): the bridge's unchecked looks at
     * the file system ({@link ObjectId#look}, {@link ObjectId#ofFolder}, {@link ObjectId#ofFolderWithout}) answer
     * only then, since the bridge's classes are public to the application too.
     */
    static boolean guardAtWork() {
        return DEPTH.get().depth > 0;
    }

    private static boolean absent() {
        return guard == null && !awaitReserved();
    }

    /** For the bridge's own unit tests, which install one fake guard after another in one JVM. */
    static synchronized void uninstallForTests() {
        guard = null;
        key = null;
        pending = false;
        guardThreads = new Thread[0];
    }

    /**
     * Marks the current thread as the guard's own for good (its I/O is never checked). Needs the key that
     * {@link #install} returned, so the application cannot mark its own threads.
     */
    public static void markGuardThread(Object presented) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied marking a thread as the guard's (rule protected)",
                    "protected");
        }
        DEPTH.get().depth = 1;
        addGuardThread(Thread.currentThread());
    }

    /**
     * Suspends checks on the current thread while the guard does its own start-up work on it; needs the
     * key that {@link #install} returned. Paired with {@link #exitGuard}.
     */
    public static void enterGuard(Object presented) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied suspending the guard (rule protected)", "protected");
        }
        DEPTH.get().depth = 1;
    }

    public static void exitGuard(Object presented) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied suspending the guard (rule protected)", "protected");
        }
        DEPTH.get().depth = 0;
    }

    private static ThreadState enter() {
        if (absent()) {
            return null;
        }
        ThreadState depth = DEPTH.get();
        if (depth.depth > 0) {
            return null;
        }
        depth.depth = 1;
        return depth;
    }

    // ---- holding one checked path across a JDK method body ----------------------------------------------

    private static final int NO_FOLLOW = 2;

    /**
     * Checks a file access, then remembers this exact path string (by identity) and mode on this thread
     * until {@link #releaseFile}: a hooked JDK method whose body reaches another hooked method with the same
     * {@code Path} (readAttributes reaching getFileAttributeView) is then checked and recorded once. Holding
     * grants nothing new: only the identical string, with the same access, that was just allowed.
     */
    public static void holdFile(int access, String op, String path, boolean noFollow) {
        if (noFollow) {
            fileNoFollow(access, op, path);
        } else {
            file(access, op, path);
        }
        ThreadState state = DEPTH.get();
        state.heldPath = path;
        state.heldMode = access | (noFollow ? NO_FOLLOW : 0);
    }

    public static void releaseFile() {
        ThreadState state = DEPTH.get();
        state.heldPath = null;
        state.heldMode = -1;
    }

    private static boolean held(ThreadState state, int mode, String path) {
        return state.heldPath == path && state.heldMode == mode;
    }

    // ---- reflection into the guard itself ---------------------------------------------------------------

    /**
     * {@code setAccessible} and {@code MethodHandles.privateLookupIn} on a class of the guard: refused unless
     * the caller is the guard itself (its class loader and its code source). Without this, any class could
     * null the installed guard or mark its own thread as the guard's.
     */
    public static void reflection(Class<?> caller, Class<?> target) {
        if (caller != null && !absent() && isGuardLibrary(caller.getName())) {
            // The relocated libraries are public code that every class can call (the boot loader is everyone's
            // parent), and their reflection helpers (Jackson's ClassUtil.checkAndFixAccess) open whatever
            // member they are handed as the caller: a class of guard.jar, in the module the guard opened
            // sun.nio.fs, sun.nio.ch and java.net to. The guard never asks them to open anything once
            // installed, so from then on they open nothing, neither the guard's classes nor the JDK's.
            throw tampered("reflect", target == null ? "?" : target.getName(),
                    "the guard's relocated libraries cannot be used to open classes by reflection");
        }
        if (target == null || !isGuardClass(target.getName())) {
            return;
        }
        if (caller != null && isGuardClass(caller.getName()) && caller.getClassLoader() == agentLoader
                && fromAgent(caller)) {
            return;
        }
        if (absent()) {
            return;
        }
        throw tampered("reflect", target.getName(), "the guard's own classes cannot be opened by reflection");
    }

    /**
     * {@code sun.misc.Unsafe} field offsets: refused for the fields of the guard and for the JDK state the
     * guard protects (the raw environment, a FileDescriptor's number), so Unsafe cannot be pointed at them
     * by name. Unsafe can still write memory at an offset it guesses; that is a known limit.
     */
    public static void unsafeField(java.lang.reflect.Field field) {
        if (field == null || absent()) {
            return;
        }
        String owner = field.getDeclaringClass().getName();
        if (isGuardClass(owner) || owner.startsWith("java.lang.ProcessEnvironment")
                || owner.equals("java.io.FileDescriptor")) {
            throw tampered("unsafe", owner + "." + field.getName(),
                    "sun.misc.Unsafe may not address the guard's state or the JDK state it protects");
        }
    }

    /** Records a tampering attempt (when possible) and returns the denial to throw. */
    private static GuardDeniedException tampered(String op, String target, String why) {
        ThreadState depth = enter();
        if (depth != null) {
            try {
                guard.tamper(op, target);
            } catch (Throwable ignored) {
                // The denial below is thrown whether or not the record could be written.
            } finally {
                depth.depth = 0;
            }
        }
        return new GuardDeniedException("agentguard: denied guard " + op + " " + target + " (rule protected): " + why,
                "protected");
    }

    // ---- the foreign-function API (native code without System.load) -------------------------------------

    /**
     * A restricted FFM method ({@code Reflection.ensureNativeAccess}). JDK classes
     * (boot and platform loaders) pass; application code is checked, since a downcall to libc reaches files,
     * processes and sockets without any hooked JDK method.
     */
    public static void foreignAccess(Class<?> caller, Class<?> owner, String method, boolean jni) {
        // JNI linking, and System/Runtime load and loadLibrary (restricted since JDK 24), are checked by the
        // native.load hooks; only the foreign-function API itself is decided here.
        if (jni || owner == System.class || owner == Runtime.class) {
            return;
        }
        ClassLoader loader = caller == null ? ClassLoader.getSystemClassLoader() : caller.getClassLoader();
        // The guard's relocated libraries are boot-loader classes that any class can call (and have call
        // methods reflectively for it): they pass only as the JDK's own do not, through the check.
        if ((loader == null && (caller == null || !isGuardLibrary(caller.getName())))
                || loader == ClassLoader.getPlatformClassLoader()) {
            return;
        }
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.foreignAccess(caller, (owner == null ? "?" : owner.getName()) + "." + method);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("native ffm", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Whether a class of the guard's loader, with a guard name, is the guard's own. From a jar on the
     * application class path, its code source says so. On the boot class path there is no code source; the
     * start verified that the boot loader finds the guard in guard.jar, so the class must be found there too
     * (a class some other boot class path entry holds, or one defined under a name guard.jar lacks, is not).
     */
    private static boolean fromAgent(Class<?> caller) {
        if (agentLoader != null) {
            return agentCode != null && agentCode.equals(caller.getProtectionDomain().getCodeSource());
        }
        return agentJar != null && agentJar.equals(bootOrigin(caller.isHidden() ? caller.getNestHost() : caller));
    }

    /** The jar (a {@code jar:file:...} prefix) in which the boot class path first holds a class, or null. */
    private static String bootOrigin(Class<?> type) {
        java.net.URL url = ClassLoader.getPlatformClassLoader()
                .getResource(type.getName().replace('.', '/') + ".class");
        if (url == null) {
            return null;
        }
        String spec = url.toString();
        int bang = spec.indexOf("!/");
        return bang > 0 ? spec.substring(0, bang) : spec;
    }

    /** The guard's relocated third-party libraries (Jackson, SnakeYAML, Byte Buddy, ASM). */
    private static boolean isGuardLibrary(String name) {
        return name.startsWith("dev.agentguard.internal.");
    }

    private static boolean isGuardClass(String name) {
        return name.startsWith("dev.agentguard.bootstrap.") || name.startsWith("dev.agentguard.agent.")
                || name.startsWith("dev.agentguard.policy.") || name.startsWith("dev.agentguard.internal.");
    }

    private static GuardDeniedException failure(String what, Throwable t) {
        return new GuardDeniedException("agentguard: denied " + what
                + " (rule guard-error): the guard failed while checking it (" + t.getClass().getName()
                + "), and a failed check denies", "guard-error");
    }

    // ---- files ---------------------------------------------------------------------------------------

    public static void file(int access, String op, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        if (held(depth, access, path)) {
            depth.depth = 0;
            return;
        }
        try {
            guard.file(access, op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void fileNoFollow(int access, String op, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        if (held(depth, access | NO_FOLLOW, path)) {
            depth.depth = 0;
            return;
        }
        try {
            guard.fileNoFollow(access, op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- opens: decided on the descriptor the kernel opened --------------------------------------------

    /**
     * Before a read open: the decision on the name alone ({@link Guard#beforeOpen}), no system call. Returns
     * what the advice hands {@link #opened} after the JDK's open; null when
     * nothing is to be decided after it (the guard's own work, or a denial recorded in audit mode).
     */
    public static Object beforeRead(String op, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            return guard.beforeOpen(op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * An open returned or threw; {@code opened} is what it opened: the stream's {@link FileDescriptor}
     * (java.io) or the channel (NIO). For a read ({@code state} from {@link #beforeRead}) the opened file is
     * decided where the kernel says its descriptor is; a denial (or any failure) closes it first, so nothing
     * can read it (not even a finalizer of the half-made stream). A failed open is decided on the real form
     * ({@link Guard#openFailed}). For a write ({@code state} from {@link #anchorWrite}), see
     * {@link #anchoredOpened}. Returns what the caller is to see thrown (null: nothing).
     */
    public static Throwable opened(Object state, int access, String op, String path, Object opened,
                                   Throwable thrown) {
        if (state instanceof AnchoredOpen) {
            return anchoredOpened((AnchoredOpen) state, opened, thrown);
        }
        if (state == null) {
            return thrown;
        }
        if (thrown != null) {
            openFailed(access, op, path);
            return thrown;
        }
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            decideOpened(depth, access, op, path, Descriptors.number(opened), state);
            return null;
        } catch (GuardDeniedException e) {
            Descriptors.close(opened);
            throw e;
        } catch (Throwable t) {
            Descriptors.close(opened);
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Decides the object descriptor {@code n} holds: one {@code fstat}, and when that object, unchanged, was
     * decided for this path before, that decision ({@link Guard#openedKnown}); else the full decision on where
     * {@code /proc/self/fd/n} says it is ({@link Guard#opened}), remembered under the identity read first (a
     * change after the {@code fstat} gives the object another ctime, so what is remembered can only miss).
     */
    private static void decideOpened(ThreadState depth, int access, String op, String path, int n, Object before)
            throws java.io.IOException {
        ObjectId id = depth.objectId();
        if (id.ofDescriptor(n) && guard.openedKnown(access, op, path, id, before)) {
            return;
        }
        guard.opened(access, op, path, Descriptors.where(n), before, id.valid ? id : null);
    }

    /** The JDK's open threw: decided on the path's real form ({@link Guard#openFailed}); a denial replaces the error. */
    private static void openFailed(int access, String op, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.openFailed(access, op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Before a write open: decided on the real form ({@link Guard#beforeWrite}), then pinned there
     * ({@link AnchoredOpen}). Returns the pin, whose {@link #handed} path the advice gives the JDK instead
     * of the caller's, and which it passes to {@link #opened} when the
     * JDK's open returns or throws; null when nothing is to be pinned (the guard's own work, or {@code /}).
     * {@code javaIo}: the leaf is opened too, without following a link, as java.io cannot ask for that.
     * Throws the IOException the JDK would have thrown for the caller's path when the folder cannot be
     * opened.
     */
    public static Object anchorWrite(int access, String op, String path, boolean noFollow, boolean javaIo)
            throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            return anchor(access, op, path, noFollow, javaIo, false);
        } catch (GuardDeniedException | java.io.IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /** {@link #anchorWrite} without the reentrancy guard: the caller holds it. */
    private static AnchoredOpen anchor(int access, String op, String path, boolean noFollow, boolean javaIo)
            throws java.io.IOException {
        return anchor(access, op, path, noFollow, javaIo, false);
    }

    /**
     * {@link #anchor}; {@code actsOnDots}: the act follows a last {@code .} or {@code ..} (a mode, time or
     * owner change), so such a path is pinned too, on its decided real form, which holds no dots.
     */
    private static AnchoredOpen anchor(int access, String op, String path, boolean noFollow, boolean javaIo,
                                       boolean actsOnDots) throws java.io.IOException {
        String decided = guard.beforeWrite(access, op, path, noFollow);
        if (decided == null || !actsOnDots && AnchoredOpen.endsInDots(path)) {
            // Undecidable and recorded in audit mode; or a last name "." or "..", which the kernel never
            // creates, opens for writing or removes: the JDK acts on the caller's path and fails as it would.
            return null;
        }
        AnchoredOpen open = AnchoredOpen.pin(access, op, path, decided, javaIo);
        if (open == null) {
            return null;
        }
        try {
            // Decided on the folder the guard holds now, before anything is created in it.
            guard.pinned(access, op, path, decided, open.pinned);
            if (javaIo) {
                open.openLeaf();
            }
            return open;
        } catch (Throwable t) {
            open.close();
            throw t;
        }
    }

    /** {@link #listPinned}'s answer for a listing that gives no names: {@code File.list()} returns null. */
    public static final Object NO_LIST = new Object();

    /**
     * {@code File.normalizedList()} (behind {@code list} and {@code listFiles}), listed on the folder that was
     * decided (issue-13 review: java.io opened the name again after the check, and a folder swapped in between
     * listed an outside directory). Decides the name as given (no system call), names the folder itself with
     * an {@code O_PATH} descriptor D (which opens nothing), decides the folder D is as a read open's descriptor
     * is decided ({@code fstat} and the remembered objects, else where {@code /proc/self/fd/D} says it is), and
     * lists {@code /proc/self/fd/D}, which the kernel reopens as that very folder. Returns the names,
     * {@link #NO_LIST} for a listing that gives none (not a folder, an error: {@code list()} answers null), or
     * null when the body is to run as it is (the guard's own call; a path undecidable in audit mode).
     */
    public static Object listPinned(String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        int d = -1;
        try {
            // The name alone first (no system call); the folder is decided on its descriptor, as a read open is.
            Object before = guard.beforeOpen("list", path);
            if (before == null || path.indexOf('\0') >= 0) {
                return null;
            }
            try {
                d = Descriptors.openPath(java.nio.file.Path.of(path), false);
            } catch (java.io.IOException e) {
                // Decided on the real form, so that a link to a denied folder is reported as denied.
                guard.openFailed(Guard.READ, "list", path);
                return NO_LIST;
            }
            decideOpened(depth, Guard.READ, "list", path, d, before);
            String[] names = new java.io.File(Descriptors.own(d)).list();
            return names == null ? NO_LIST : names;
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file list", t);
        } finally {
            Descriptors.closeNumber(d);
            depth.depth = 0;
        }
    }

    /**
     * A {@code SecureDirectoryStream} (what {@code Files.newDirectoryStream}, {@code Files.list} and
     * {@code Files.walk} get on Linux) was made on descriptor {@code dfd}: the listing is decided on the folder
     * that descriptor is, since the JDK opened the name again after the check and a folder swapped in between
     * would otherwise be listed (issue-13 review). A denial closes the stream and throws; the allowed case was
     * recorded by the check before the open. A folder decided allowed through the same path before, unchanged,
     * is known by one {@code fstat} ({@link Guard#listedKnown}).
     */
    public static void directoryOpened(java.io.Closeable stream, String path, int dfd) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            // One fstat: the folder, unchanged, decided through this path before (remembered objects) needs no
            // readlink and no policy walk.
            ObjectId id = depth.objectId();
            if (id.ofDescriptor(dfd) && guard.listedKnown(path, id)) {
                return;
            }
            guard.listed("newDirectoryStream", path, Descriptors.where(dfd), id.valid ? id : null);
        } catch (GuardDeniedException e) {
            closeQuietly(stream);
            throw e;
        } catch (Throwable t) {
            closeQuietly(stream);
            throw failure("file newDirectoryStream", t);
        } finally {
            depth.depth = 0;
        }
    }

    private static void closeQuietly(java.io.Closeable stream) {
        try {
            stream.close();
        } catch (Throwable ignored) {
            // The denial is thrown anyway.
        }
    }

    /**
     * A change that acts on a name and creates no descriptor (a delete): closes the pinned folder once the
     * JDK's body returned or threw, and returns what the caller is to see thrown, told for its own path.
     */
    public static Throwable anchorDone(Object anchor, Throwable thrown) {
        AnchoredOpen open = (AnchoredOpen) anchor;
        open.close();
        return thrown == null ? null : open.forCaller(thrown);
    }

    /**
     * {@code File.delete()}: decided without following the last link, pinned in the decided folder, and done
     * by the guard on the pinned name ({@code /proc/self/fd/D/leaf}), so a folder swapped above the leaf
     * after the decision cannot redirect it. Returns the result for the advice to give back instead of
     * running the JDK's body, or null when the body is to run (the guard's own work, nothing to pin).
     */
    public static Boolean deleteFile(String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen open = null;
        try {
            open = anchor(Guard.WRITE, "delete", path, true, false);
            if (open == null) {
                return null;
            }
            // Inside the guard (depth held): the hook on this inner call lets it through unchecked.
            return new java.io.File(open.handed).delete();
        } catch (java.io.IOException e) {
            return Boolean.FALSE; // the folder could not be opened: java.io's delete reports false, as it would
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file delete", t);
        } finally {
            if (open != null) {
                open.close();
            }
            depth.depth = 0;
        }
    }

    /**
     * A move ({@code Files.move}, {@code File.renameTo}): both names decided without following a last link,
     * then each pinned in its decided folder ({@link #anchor}). Returns the pair for {@link #movedHanded} and
     * {@link #moveDone}, or null when nothing is pinned (the guard's own work). Throws as the JDK would, for
     * the caller's paths, when a folder cannot be opened.
     */
    public static Object anchorMove(String op, String source, String target) throws java.io.IOException {
        return anchorPair(Guard.WRITE, op, source, true, target);
    }

    /**
     * A copy: the source decided as a read (following its last link unless {@code noFollowSource}), the target
     * as a write not following one, each pinned in its decided folder; as {@link #anchorMove}. The advice
     * adds {@code NOFOLLOW_LINKS} when the source is pinned: its leaf was resolved when decided, so a link
     * there now was swapped in since, and is copied as a link, not followed.
     */
    public static Object anchorCopy(String source, String target, boolean noFollowSource) throws java.io.IOException {
        return anchorPair(Guard.READ, "copy", source, noFollowSource, target);
    }

    /** Pins a two-name act's source (decided as {@code sourceAccess}) and target (a write, not followed). */
    private static Object anchorPair(int sourceAccess, String op, String source, boolean noFollowSource,
                                     String target) throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen from = null;
        try {
            from = anchor(sourceAccess, op, source, noFollowSource, false);
            AnchoredOpen to = anchor(Guard.WRITE, op, target, true, false);
            return from == null && to == null ? null : new AnchoredOpen[] {from, to};
        } catch (GuardDeniedException | java.io.IOException e) {
            if (from != null) {
                from.close();
            }
            throw e;
        } catch (Throwable t) {
            if (from != null) {
                from.close();
            }
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /** The path to hand the JDK for the source (0) or the target (1) of a pinned move or copy, or null: as given. */
    public static String movedHanded(Object pair, int which) {
        AnchoredOpen open = ((AnchoredOpen[]) pair)[which];
        return open == null ? null : open.handed;
    }

    /** A pinned move or copy returned or threw: closes both folders; the JDK's error told for the caller's paths. */
    public static Throwable moveDone(Object pair, Throwable thrown) {
        AnchoredOpen[] pins = (AnchoredOpen[]) pair;
        for (AnchoredOpen open : pins) {
            if (open != null) {
                open.close();
            }
        }
        return thrown == null ? null : AnchoredOpen.forCaller(pins[0], pins[1], thrown);
    }

    /**
     * {@code File.renameTo(dest)}: as {@link #anchorMove}, done by the guard on the pinned names. Returns the
     * result for the advice to give back instead of running the JDK's body, or null when the body is to run.
     */
    public static Boolean renameFile(String source, String target) {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen from = null;
        AnchoredOpen to = null;
        try {
            from = anchor(Guard.WRITE, "rename", source, true, false);
            to = anchor(Guard.WRITE, "rename", target, true, false);
            if (from == null && to == null) {
                return null;
            }
            // Inside the guard (depth held): the hook on this inner call lets it through unchecked.
            return new java.io.File(from == null ? source : from.handed)
                    .renameTo(new java.io.File(to == null ? target : to.handed));
        } catch (java.io.IOException e) {
            return Boolean.FALSE; // a folder could not be opened: java.io reports false, as it would
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file rename", t);
        } finally {
            if (from != null) {
                from.close();
            }
            if (to != null) {
                to.close();
            }
            depth.depth = 0;
        }
    }


    // ---- changes that take no path to replace: done by the guard on the pinned name -------------------

    /**
     * A {@code java.io.File} change that acts on {@code this} ({@code createNewFile}, {@code mkdir}, the
     * {@code set*} methods; {@code args} the method's own): decided on the real form of the parent plus the
     * leaf (not following a last link for the two that create, as {@code O_EXCL} and {@code mkdir} do not),
     * pinned, and done by the guard on {@code /proc/self/fd/D/leaf} ({@link PinnedActs#javaIo}; a mode change on
     * {@code /proc/self/fd/L}, the object the leaf leads to, decided: {@link AnchoredOpen#followLeaf}). Returns the
     * result for the advice to give back instead of running the JDK's body, or null when the body is to run
     * (the guard's own work, nothing to pin). When the folder cannot be opened, answers as java.io does for
     * a missing folder: false, or createNewFile's IOException with the kernel's reason.
     */
    public static Boolean fileChange(String method, String path, Object[] args) throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen open = null;
        boolean acting = false;
        boolean creates = method.equals("createNewFile") || method.equals("mkdir");
        try {
            if (path.isEmpty()) {
                // java.io hands the kernel "", which names nothing: decided as before, and the JDK fails as it would.
                guard.file(Guard.WRITE, method, path);
                return null;
            }
            open = anchor(Guard.WRITE, method, path, creates, false, !creates);
            if (open == null) {
                return null;
            }
            if (method.startsWith("setRe") || method.startsWith("setWr") || method.startsWith("setEx")) {
                // A mode change (setReadable, setReadOnly, setWritable, setExecutable): java.io's stat and chmod
                // follow the last link, so they act on the object the leaf leads to now, named and decided (L).
                String where;
                try {
                    where = open.followLeaf();
                } catch (java.io.IOException nothingThere) {
                    return Boolean.FALSE; // java.io's answer for a missing file
                }
                guard.pinned(Guard.WRITE, method, path, open.decided, where);
            }
            acting = true;
            return PinnedActs.javaIo(method, open.handed, args);
        } catch (java.io.IOException e) {
            if (open == null && method.equals("createNewFile")) {
                throw new java.io.IOException(AnchoredOpen.reason(e)); // the folder could not be opened
            }
            if (open == null) {
                return Boolean.FALSE;
            }
            throw e; // createNewFile's own error: java.io's words, which name no path
        } catch (GuardDeniedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (acting) {
                throw e; // the method's own check (setLastModified's negative time), as the JDK throws it
            }
            throw failure("file " + method, e);
        } catch (Throwable t) {
            throw failure("file " + method, t);
        } finally {
            if (open != null) {
                open.close();
            }
            depth.depth = 0;
        }
    }

    /** {@link #viewWrite}'s answer for a void setter done on the pinned name. */
    public static final Object DONE = new Object();

    /**
     * An attribute view's write ({@code setTimes}, {@code setMode}, {@code setOwners}, an extended
     * attribute's write or delete, a DOS attribute): the view holds its path in a final field, so the guard
     * decides on that path (following the last link as the view does), pins it, and makes the same call on a
     * fresh view of the same class for {@code /proc/self/fd/D/leaf} ({@link PinnedActs#view}). Returns the
     * setter's result ({@link #DONE} for a void one) for the advice to give back instead of running the
     * JDK's body, or null when the body is to run. Errors name the caller's path.
     */
    public static Object viewWrite(String method, String setter, Object view, Object[] args, Object file,
                                   boolean followLinks) throws java.io.IOException {
        // chmod follows the last link, and not following would need the file open for reading (JDK 17): the
        // object the leaf leads to now is named (L) and decided, and chmod acts on /proc/self/fd/L.
        boolean follows = followLinks && method.equals("setMode");
        return actOnPinnedView(Guard.WRITE, method, setter, view, args, null, file, followLinks, follows, false);
    }

    /**
     * A write of a view a {@code SecureDirectoryStream} handed out, on its entry {@code file} (null: the
     * stream's folder itself, which the stream's descriptor names, so nothing is pinned and the body runs after
     * the check). An entry may hold folders ({@code d/file}) that can be swapped: it is decided where the
     * stream's folder is now, pinned, and the same call is made on a fresh view of the same stream for the
     * absolute pinned name ({@link PinnedActs#view}). As {@link #viewWrite}; {@code args} must hold nothing of
     * the application's classes (the call runs inside the guard): the advice copies a permission set first.
     */
    public static Object secureViewWrite(String method, String setter, Object view, Object[] args, Object stream,
                                         Object file, boolean followLinks) throws java.io.IOException {
        if (file == null) {
            fileInDirectory(Guard.WRITE, method, stream, null, !followLinks);
            return null;
        }
        // The stream's views open the entry for every write, so not following a link swapped in at the leaf
        // since it was decided (its real form, no link) asks for nothing more than the caller's view does.
        return actOnPinnedView(Guard.WRITE, method, setter, view, args, stream, file, followLinks, false, false);
    }

    /**
     * An attribute view's read ({@code readAttributes}, an extended attribute's {@code list}, {@code size} or
     * {@code read}). The application may keep a view long after {@code getFileAttributeView} decided its path,
     * and the view reads by that name each time: two allowed moves that put a planted link to a denied file
     * where the decided file was made a kept view read the denied file's size, permissions and extended
     * attributes (HeldObjectTest). So each read is decided when it is made, as a read, pinned like
     * {@link #viewWrite}, and made on a fresh view of the same class for {@code /proc/self/fd/D/leaf}, which
     * does not follow a link swapped in at the leaf since the decision. Returns the read's result for the
     * advice to give back instead of the JDK's body, or null when the body is to run: the guard's own call,
     * the path the provider's {@code readAttributes} has just decided and holds (its body reads through a
     * view), or nothing to pin. Errors name the caller's path.
     */
    public static Object viewRead(String method, String reader, Object view, Object[] args, Object file,
                                  boolean followLinks) throws java.io.IOException {
        return actOnPinnedView(Guard.READ, method, reader, view, args, null, file, followLinks, false, true);
    }

    /**
     * {@link #viewRead} for a view a {@code SecureDirectoryStream} handed out, on its entry {@code file} (null:
     * the stream's folder itself, which the stream's descriptor names: decided where that folder is now, and
     * the body runs). The entry is decided where the stream's folder is now, pinned, and read on a fresh view
     * of the same stream for the absolute pinned name, as {@link #secureViewWrite}.
     */
    public static Object secureViewRead(String method, String reader, Object view, Object[] args, Object stream,
                                        Object file, boolean followLinks) throws java.io.IOException {
        if (file == null) {
            fileInDirectory(Guard.READ, method, stream, null, !followLinks);
            return null;
        }
        return actOnPinnedView(Guard.READ, method, reader, view, args, stream, file, followLinks, false, false);
    }

    /**
     * The one way a view's read or write is made on a pinned name ({@link #viewWrite}, {@link #secureViewWrite},
     * {@link #viewRead}, {@link #secureViewRead}): {@code file} is decided for {@code access} (inside the folder
     * of {@code stream}, where that folder is now, when a {@code SecureDirectoryStream}'s view), its folder is
     * pinned, and {@code member} is called on a fresh view of the same class for the pinned name
     * ({@link PinnedActs#view}). {@code followsToObject}: a mode change that follows the last link acts on the
     * object the leaf leads to now, named by its own descriptor and decided. {@code mayBeHeld}: the provider's
     * {@code readAttributes} has just decided and holds this path, and its body reads through a view, so the
     * body runs. Returns the member's result ({@link #DONE} for a void one) for the advice to give back instead
     * of the JDK's body, or null when the body is to run. Errors name the caller's path.
     */
    private static Object actOnPinnedView(int access, String method, String member, Object view, Object[] args,
                                          Object stream, Object file, boolean followLinks, boolean followsToObject,
                                          boolean mayBeHeld) throws java.io.IOException {
        if (!(file instanceof String) && !jdkPath(file)) {
            return null; // not the JDK's path: the view's body refuses it
        }
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen open = null;
        boolean acting = false;
        try {
            String path = file.toString();
            if (mayBeHeld && held(depth, followLinks ? access : access | NO_FOLLOW, path)) {
                return null;
            }
            open = stream == null
                    ? anchor(access, method, path, !followLinks, false, followLinks)
                    : anchorInDirectory(access, method, stream, path, !followLinks);
            if (open == null) {
                return null;
            }
            if (followsToObject) {
                guard.pinned(access, method, path, open.decided, open.followLeaf());
            }
            java.nio.file.Path pinned = ((java.nio.file.Path) file).getFileSystem().getPath(open.handed);
            acting = true;
            // The leaf was no link when decided (its real form): the fresh view does not follow one swapped in
            // since, except a mode change that follows, which acts on the object decided just now.
            Object result = PinnedActs.view(view, stream, member, args, pinned, followsToObject);
            return result == null ? DONE : result;
        } catch (java.io.IOException e) {
            throw open == null ? e : (java.io.IOException) open.forCaller(e);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (acting) {
                throw e; // the member's own checks (a null argument, a closed stream), as the JDK throws them
            }
            throw failure("file " + method, e);
        } catch (Throwable t) {
            throw failure("file " + method, t);
        } finally {
            if (open != null) {
                open.close();
            }
            depth.depth = 0;
        }
    }

    /**
     * {@code File.TempDirectory.generateFile} returned {@code created}, the name {@code File.createTempFile}
     * is about to test and create: decided as a create (not following a last link, as {@code O_EXCL} does
     * not), its folder pinned, and the pinned name returned for the JDK to create; the caller's name is given
     * back by {@link #tempFileDone} when {@code createTempFile} returns. Another name generated on the same
     * call (the first one existed) replaces the pin.
     */
    public static java.io.File tempFileNamed(java.io.File created) throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return created;
        }
        try {
            closeTempPin(depth);
            // A File the JDK has just built with new File(dir, name): its getPath() is its path field.
            AnchoredOpen open = anchor(Guard.WRITE, "create-temp", created.getPath(), true, false, false);
            if (open == null) {
                return created;
            }
            depth.tempPin = open;
            depth.tempGiven = created;
            return new java.io.File(open.handed);
        } catch (java.io.IOException e) {
            // The folder could not be opened: createTempFile's own create would fail with the kernel's reason.
            throw new java.io.IOException(AnchoredOpen.reason(e));
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file create-temp", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * {@code File.createTempFile} returned {@code returned} or threw: closes the pinned folder and returns the
     * file as the caller is to get it, named in the caller's folder (the JDK created the pinned name).
     */
    public static java.io.File tempFileDone(java.io.File returned) {
        ThreadState state = DEPTH.get();
        AnchoredOpen open = state.tempPin;
        if (open == null) {
            return returned;
        }
        java.io.File given = state.tempGiven;
        closeTempPin(state);
        return returned != null && returned.getPath().equals(open.handed) ? given : returned;
    }

    private static void closeTempPin(ThreadState state) {
        if (state.tempPin != null) {
            state.tempPin.close();
        }
        state.tempPin = null;
        state.tempGiven = null;
    }

    /**
     * {@code SecureDirectoryStream.move(from, targetStream, to)}: each entry decided where its stream's folder
     * is now, as a write not following a last link, and pinned; the advice hands {@code renameat} the absolute
     * pinned names ({@link #movedHanded}), which it takes without the streams' descriptors, and closes them
     * with {@link #moveDone}. Returns the pair, or null when nothing is pinned (the guard's own work).
     */
    public static Object anchorMoveInDirectory(Object stream, String from, Object targetStream, String to)
            throws java.io.IOException {
        if (!SecureDirectories.jdkStream(targetStream)) {
            // The application's own stream (or null): its hashCode/equals would run inside the guard when it is
            // looked up (attack2: they read a denied file and wrote outside the grant with the checks off). The
            // JDK's body refuses it (ProviderMismatchException, NullPointerException) before any effect.
            return null;
        }
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        AnchoredOpen source = null;
        try {
            source = anchorInDirectory(Guard.WRITE, "move", stream, from, true);
            AnchoredOpen target = anchorInDirectory(Guard.WRITE, "move", targetStream, to, true);
            return source == null && target == null ? null : new AnchoredOpen[] {source, target};
        } catch (GuardDeniedException | java.io.IOException e) {
            if (source != null) {
                source.close();
            }
            throw e;
        } catch (Throwable t) {
            if (source != null) {
                source.close();
            }
            throw failure("file move", t);
        } finally {
            depth.depth = 0;
        }
    }

    /** An entry of a {@code SecureDirectoryStream}, decided where the stream's folder is now, and pinned. */
    private static AnchoredOpen anchorInDirectory(int access, String op, Object stream, String entry,
                                                  boolean noFollow) throws java.io.IOException {
        String directory = SecureDirectories.directoryOf(stream);
        if (directory == null) {
            throw new GuardDeniedException("agentguard: denied file " + op + " " + entry
                    + " (rule guard-error): the directory stream was opened before the guard was installed,"
                    + " so the guard cannot tell which directory it acts in; open it again", "guard-error");
        }
        return anchor(access, op, SecureDirectories.resolve(directory, entry), noFollow, false);
    }

    /**
     * {@code createSymbolicLink(link, target)}: the link's name decided as a create (never following a last
     * link: {@code symlink(2)} does not) and pinned, the target read where the caller's link would point;
     * returns the pin for {@link #handed} and {@link #anchorDone}, or null. The target is text: what it
     * reaches is decided when it is opened.
     */
    public static Object anchorSymlink(String link, String pointsTo) throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            guard.file(Guard.READ, "symlink", pointsTo);
            return anchor(Guard.WRITE, "symlink", link, true, false);
        } catch (GuardDeniedException | java.io.IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file symlink", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * {@code createLink(link, existing)}: a hard link makes the existing file writable under a new name, so
     * both are decided as writes not following a last link ({@code link(2)} does not), and both pinned; as
     * {@link #anchorMove} (the pair's source is {@code existing}).
     */
    public static Object anchorLink(String link, String existing) throws java.io.IOException {
        return anchorPair(Guard.WRITE, "link", existing, true, link);
    }

    /**
     * A {@code SecureDirectoryStream} act on {@code entry}: its open, {@code deleteFile} or
     * {@code deleteDirectory}. Decided as the same act on the full path, where the stream's folder is now. A
     * read open ({@code write} false) is decided on its name before and on its descriptor after: returns the
     * full path for {@link #openedInDirectory}, or null. A write or delete is pinned: returns the pin, whose
     * {@link #handedInDirectory} path (absolute, so {@code openat}/{@code unlinkat} ignore the stream's
     * descriptor) the advice hands the JDK instead of the entry.
     */
    public static Object inDirectory(int access, String op, Object stream, String entry, boolean noFollow)
            throws java.io.IOException {
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            String directory = SecureDirectories.directoryOf(stream);
            if (directory == null) {
                throw new GuardDeniedException("agentguard: denied file " + op + " " + entry
                        + " (rule guard-error): the directory stream was opened before the guard was installed,"
                        + " so the guard cannot tell which directory it acts in; open it again", "guard-error");
            }
            String path = SecureDirectories.resolve(directory, entry);
            if (access == Guard.READ) {
                Object before = guard.beforeOpen(op, path);
                return before == null ? null : new DirectoryRead(path, before);
            }
            return anchor(access, op, path, noFollow, false);
        } catch (GuardDeniedException | java.io.IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /** The entry path to hand the JDK for {@link #inDirectory}'s state: the pinned one, or null (as given). */
    public static String handedInDirectory(Object state) {
        return state instanceof AnchoredOpen ? ((AnchoredOpen) state).handed : null;
    }

    /** A read in a {@code SecureDirectoryStream}: the full path and the decision before the open. */
    private static final class DirectoryRead {
        final String path;
        final Object before;

        DirectoryRead(String path, Object before) {
            this.path = path;
            this.before = before;
        }
    }

    /**
     * A {@code SecureDirectoryStream} open returned or threw: a read is decided on the channel's descriptor,
     * a pinned write as a provider's ({@link #opened}); a delete as {@link #anchorDone} ({@code channel} null).
     */
    public static Throwable inDirectoryDone(Object state, int access, String op, java.nio.channels.Channel channel,
                                            Throwable thrown) {
        if (state instanceof DirectoryRead) {
            DirectoryRead read = (DirectoryRead) state;
            return opened(read.before, access, op, read.path, channel, thrown);
        }
        if (channel == null) {
            return anchorDone(state, thrown);
        }
        return opened(state, access, op, null, channel, thrown);
    }

    /** The path the JDK is handed for a pinned open. */
    public static String handed(Object anchor) {
        return ((AnchoredOpen) anchor).handed;
    }

    /**
     * A pinned open returned or threw: closes the guard's descriptors, checks the opened file through its
     * descriptor (a denial closes it and throws), and returns what the caller is to see thrown: the JDK's
     * error told for the caller's path, or null.
     */
    private static Throwable anchoredOpened(AnchoredOpen open, Object opened, Throwable thrown) {
        open.close();
        if (thrown != null) {
            return open.forCaller(thrown);
        }
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        try {
            guard.pinned(open.access, open.op, open.given, open.pinned, Descriptors.where(Descriptors.number(opened)));
            return null;
        } catch (GuardDeniedException e) {
            Descriptors.close(opened);
            throw e;
        } catch (Throwable t) {
            Descriptors.close(opened);
            throw failure("file " + open.op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Makes decisions on descriptors possible, once at start, after the agent exported the JDK's descriptor
     * accessors to the bridge; needs the key that {@link #install} returned. Returns a problem (the guard
     * then does not start), or null.
     */
    public static String enableDescriptors(Object presented, java.nio.file.Path probe) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied changing the guard (rule protected)", "protected");
        }
        return Descriptors.enable(probe);
    }

    // ---- metadata queries: a denial answers "absent" ---------------------------------------------------

    /**
     * A metadata query (exists, file type, access probe, attributes, real path). Returns false when the
     * call may go on, true when it is denied and must be answered as for a file that is not there (the
     * advice skips the JDK method, which then returns false / null). Throws the guard's denial where
     * answering "absent" is unsafe (see {@code Guard#fileQuery}).
     */
    public static boolean fileQuery(String op, String path, boolean noFollow) {
        ThreadState depth = enter();
        if (depth == null) {
            return false;
        }
        if (held(depth, noFollow ? Guard.READ | NO_FOLLOW : Guard.READ, path)) {
            depth.depth = 0;
            return false;
        }
        try {
            return !guard.fileQuery(op, path, noFollow);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * {@link #fileQuery} for a query whose JDK method reports a missing file by throwing
     * ({@code checkAccess}, {@code readAttributes}, {@code toRealPath}): a denial it may answer "absent"
     * throws {@link NoSuchFileException} naming the path as the caller gave it, as the kernel's ENOENT does.
     */
    public static void fileQueryOrMissing(String op, String path, boolean noFollow) throws NoSuchFileException {
        if (fileQuery(op, path, noFollow)) {
            throw new NoSuchFileException(path);
        }
    }

    /** {@link #fileQuery}, then holds the path as {@link #holdFile} does when the call goes on. */
    public static boolean holdFileQuery(String op, String path, boolean noFollow) {
        if (fileQuery(op, path, noFollow)) {
            return true;
        }
        ThreadState state = DEPTH.get();
        state.heldPath = path;
        state.heldMode = Guard.READ | (noFollow ? NO_FOLLOW : 0);
        return false;
    }

    /** {@link Guard#ABSENT}, for the advice: a denied query to be answered as for a missing file. */
    public static final Object ABSENT = Guard.ABSENT;

    /**
     * A metadata query answered from the guard's own look ({@link Guard#fileLook}): the attributes to answer
     * with, {@link #ABSENT}, or null when the JDK method is to run; then the path is held as by
     * {@link #holdFileQuery} while it runs (the advice releases it on exit). {@code file} is a
     * {@code java.nio.file.Path} or a {@code java.io.File}'s path string.
     */
    public static Object fileLook(String op, Object file, Class<?> type, boolean noFollow, boolean mayAnswerAbsent) {
        // A java.io.File's probe hands its path field, a String (final, the JDK's own class): it is decided like
        // a JDK path. Only another kind of object is left to the provider's body, which refuses it (attack2: the
        // foreign-path check took the String for a foreign path, and File.exists/isFile/isDirectory/length ran
        // unchecked on a denied file).
        if (!(file instanceof String) && !jdkPath(file)) {
            return null; // not the JDK's path: the provider's body refuses it (ProviderMismatchException)
        }
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        String path = file.toString();
        int mode = noFollow ? Guard.READ | NO_FOLLOW : Guard.READ;
        if (held(depth, mode, path)) {
            depth.depth = 0;
            return null;
        }
        Object answer;
        try {
            answer = guard.fileLook(op, file, type, noFollow, mayAnswerAbsent);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
        if (answer == null) {
            depth.heldPath = path;
            depth.heldMode = mode;
        }
        return answer;
    }

    /**
     * The answer of a yes/no probe ({@code exists}; {@code isDirectory}; {@code isFile} or {@code isRegularFile})
     * from {@link #fileLook}'s non-null answer: false for {@link #ABSENT}, else what the attributes say.
     */
    public static boolean probeAnswer(String method, Object answer) {
        if (answer == ABSENT || !(answer instanceof java.nio.file.attribute.BasicFileAttributes)) {
            return false;
        }
        java.nio.file.attribute.BasicFileAttributes attributes = (java.nio.file.attribute.BasicFileAttributes) answer;
        return method.equals("exists") || method.equals("isDirectory") && attributes.isDirectory()
                || (method.equals("isFile") || method.equals("isRegularFile")) && attributes.isRegularFile();
    }

    /** Two paths: rename and move need write on both; a hard link needs write on both too. */
    public static void file2(int sourceAccess, String op, String source, int targetAccess, String target,
                             boolean noFollowSource) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            if (noFollowSource) {
                guard.fileNoFollow(sourceAccess, op, source);
            } else {
                guard.file(sourceAccess, op, source);
            }
            guard.fileNoFollow(targetAccess, op, target);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void fileDescriptor(FileDescriptor fd) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.fileDescriptor(fd);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file open by descriptor", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- processes and environment ----------------------------------------------------------------------

    /**
     * {@code ProcessImpl.start}: decides the start and returns what the JDK is to start with ({@link Guard#start}).
     * Without a guard, or inside the guard's own work, the arguments are returned as they are.
     */
    public static Object[] start(String[] argv, Map<String, String> environment, String directory) {
        ThreadState depth = enter();
        if (depth == null) {
            return new Object[] {argv, environment, null};
        }
        try {
            PrepaidPipeline pipeline = depth.pipeline;
            return guard.start(argv, environment, directory, pipeline != null && pipeline.take(argv));
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process exec", t);
        } finally {
            depth.depth = 0;
        }
    }

    /** {@code ProcessImpl.start} returned {@code process}; {@code start} is what {@link #start} returned. */
    public static void started(Object[] start, Process process) {
        if (start == null || start[2] == null || process == null) {
            return;
        }
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.started(start[2], process);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            // The child runs already: end it rather than leave it unwatched (fail closed).
            process.destroyForcibly();
            throw failure("process exec (watching the child)", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Checks every stage of a pipeline before the first starts, taking their rate tokens at once; each
     * stage's start on this thread is then decided again but takes no second token. Returns the pipeline
     * this one is nested in (null if none), which {@link #endPipeline} puts back when startPipeline returns
     * or throws.
     */
    public static Object execPipeline(java.util.List<ProcessBuilder> builders) {
        if (absent()) {
            return null;
        }
        ThreadState state = DEPTH.get();
        if (state.depth > 0) {
            return state.pipeline;
        }
        // The list, each builder's command list and directory are the application's objects: their methods
        // run here, before the reentrancy guard is entered, so whatever they do is checked like any other
        // code. The arrays are copies: the JDK reads the builders again, and each start is checked then.
        int stages = builders.size();
        String[][] argvs = new String[stages][];
        String[] directories = new String[stages];
        for (int i = 0; i < stages; i++) {
            ProcessBuilder builder = builders.get(i);
            Object[] command = builder.command().toArray();
            argvs[i] = java.util.Arrays.copyOf(command, command.length, String[].class);
            java.io.File directory = builder.directory();
            directories[i] = directory == null ? null : directory.getPath();
        }
        ThreadState depth = enter();
        if (depth == null) {
            return state.pipeline;
        }
        try {
            guard.execPipeline(argvs, directories);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process exec (pipeline)", t);
        } finally {
            depth.depth = 0;
        }
        PrepaidPipeline outer = state.pipeline;
        state.pipeline = new PrepaidPipeline(argvs);
        return outer;
    }

    /** startPipeline returned or threw: the pipeline it was nested in (null: none) is this thread's again. */
    public static void endPipeline(Object outer) {
        if (!absent()) {
            DEPTH.get().pipeline = outer instanceof PrepaidPipeline ? (PrepaidPipeline) outer : null;
        }
    }

    /** A fresh environment map from {@code ProcessEnvironment.environment()}: holds only granted variables. */
    public static void environmentCopy(Map<String, String> environment) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.childEnvironment(environment);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("env read (ProcessBuilder.environment)", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static String getenv(String name, String value) {
        ThreadState depth = enter();
        if (depth == null) {
            return value;
        }
        try {
            return guard.getenv(name, value);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("env read", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static Map<String, String> getenvAll(Map<String, String> environment) {
        ThreadState depth = enter();
        if (depth == null) {
            return environment;
        }
        try {
            return guard.getenvAll(environment);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("env read", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- network ---------------------------------------------------------------------------------------

    public static void resolve(String host) throws UnknownHostException {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.resolve(host);
        } catch (GuardDeniedException | UnknownHostException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network resolve", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void resolved(String host, InetAddress[] addresses) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.resolved(host, addresses);
        } finally {
            depth.depth = 0;
        }
    }

    public static void connect(String op, InetAddress address, int port) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.connect(op, address, port);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void unixSocket(boolean listen, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.unixSocket(listen, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network unix socket", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * A Unix domain socket connect (issue-13 review: the path was decided as a name, and the JDK connected
     * by the name again, so a folder swapped in between led to another socket). Decides the path as
     * {@link #unixSocket} does, then names the socket file itself with an {@code O_PATH} descriptor S
     * (following links, as {@code connect} does), decides where {@code /proc/self/fd/S} says it is, and
     * returns S: the JDK is handed {@code /proc/self/fd/S} ({@link #socketPath}), which the kernel resolves to
     * that very socket (and which always fits {@code sun_path}). The channel's remote address stays the
     * caller's. A path that cannot be named fails as the JDK's connect would ({@code SocketException} with
     * the system's reason), never by connecting to the name later. Null: nothing pinned (the guard's own call).
     */
    public static Object unixConnect(java.nio.file.Path path) throws java.net.SocketException {
        // The address may hold any Path: its text is taken once, here, as the application's own call (checked
        // like it), and only a JDK path of that text is used inside the guard (see jdkPathOf).
        String given = String.valueOf(path);
        java.nio.file.Path named = jdkPathOf(path, given);
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        int s = -1;
        try {
            guard.unixSocket(false, given);
            try {
                s = Descriptors.openPath(named, false);
            } catch (java.io.IOException e) {
                throw socketError(e);
            }
            guard.unixSocketPinned(given, Descriptors.where(s));
            int pinned = s;
            s = -1;
            return pinned;
        } catch (GuardDeniedException | java.net.SocketException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network unix socket", t);
        } finally {
            Descriptors.closeNumber(s);
            depth.depth = 0;
        }
    }

    /** What the JDK is handed for a connect {@link #unixConnect} pinned: {@code /proc/self/fd/S}. */
    public static java.nio.file.Path socketPath(Object pinned, java.nio.file.Path path) {
        return pinned == null ? path : java.nio.file.Path.of(Descriptors.anchored((Integer) pinned, null));
    }

    /** The connect returned or threw: closes S. */
    public static void socketDone(Object pinned) {
        if (pinned != null) {
            Descriptors.closeNumber((Integer) pinned);
        }
    }

    /** How many pins {@link #unixBind} tries for a text no other bound name holds. */
    private static final int BIND_PINS = 16;
    /** The bytes of a socket address's {@code sun_path}, less its closing NUL. */
    private static final int SUN_PATH = 107;

    /**
     * A Unix domain socket bind (issue 13: decided on the name, bound by the name again, a folder swapped in
     * between made the socket file appear in another folder). Decides the path ({@link Guard#unixBind}), pins
     * its real parent folder (an {@code O_PATH} descriptor D, {@link AnchoredOpen#pin}), decides again where D is
     * when that differs, and returns the pin: the JDK is handed {@code /proc/self/fd/D/leaf} ({@link #bindPath}),
     * so the kernel makes the socket file in that very folder. The kernel keeps that text as the socket's name,
     * so the text is registered with the caller's name ({@link BoundSockets}), which {@link #boundAddress} gives
     * back as the local address. A text held for another name is not reused: the folder is pinned again on
     * another descriptor number (a text whose socket {@code socket} of an earlier bind is closed is taken over). A
     * handed name longer than {@code sun_path} is denied ({@link Guard#unixBindPinned}).
     * Null: nothing pinned (the guard's own call, or undecided in audit mode).
     */
    public static Object unixBind(java.io.FileDescriptor socket, java.nio.file.Path path)
            throws java.net.SocketException {
        String given = String.valueOf(path); // once, as the application's own call (see unixConnect)
        ThreadState depth = enter();
        if (depth == null) {
            return null;
        }
        java.util.List<AnchoredOpen> held = new java.util.ArrayList<>(2);
        AnchoredOpen open = null;
        try {
            String decided = guard.unixBind(given);
            if (decided == null || AnchoredOpen.endsInDots(given)) {
                return null; // a last "." or "..": the kernel binds no such name, and the JDK fails as it would
            }
            for (int tries = 0; open == null; tries++) {
                if (tries == BIND_PINS) {
                    throw new java.net.SocketException("agentguard: no descriptor number to bind " + given + " through");
                }
                AnchoredOpen pin;
                try {
                    pin = AnchoredOpen.pin(Guard.WRITE, "listen-unix", given, decided, false);
                } catch (java.io.IOException e) {
                    throw socketError(e);
                }
                if (pin == null) {
                    return null; // "/": no folder to pin, and the kernel binds no such name
                }
                held.add(pin);
                if (BoundSockets.claim(pin.handed, given, socket)) {
                    open = pin;
                }
            }
            boolean fits = open.handed.getBytes(jnu()).length <= SUN_PATH;
            guard.unixBindPinned(given, decided, open.pinned, fits);
            if (!fits) {
                return null; // audit mode went on: recorded, and bound by the name, as without the guard
            }
            held.remove(open);
            AnchoredOpen pinned = open;
            open = null;
            return pinned;
        } catch (GuardDeniedException | java.net.SocketException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network unix socket", t);
        } finally {
            for (AnchoredOpen pin : held) {
                pin.close();
            }
            depth.depth = 0;
        }
    }

    /** What the JDK binds for a pin {@link #unixBind} made: {@code /proc/self/fd/D/leaf}. */
    public static java.nio.file.Path bindPath(Object pinned, java.nio.file.Path path) {
        // The default file system's own path: the caller's path's file system is the caller's code.
        return pinned == null ? path : java.nio.file.Path.of(((AnchoredOpen) pinned).handed);
    }

    /** The bind returned or threw: closes D. */
    public static void bindDone(Object pinned) {
        if (pinned != null) {
            ((AnchoredOpen) pinned).close();
        }
    }

    /**
     * {@code UnixDomainSockets.localAddress} returned {@code reported} (what {@code getsockname} says): the
     * caller's name when the guard bound the socket through {@code /proc/self/fd/D/leaf}, else as it is. No
     * reentrancy guard: it decides nothing and calls nothing hooked.
     */
    public static java.net.UnixDomainSocketAddress boundAddress(java.net.UnixDomainSocketAddress reported) {
        String caller = BoundSockets.caller(reported.getPath().toString());
        return caller == null ? reported : java.net.UnixDomainSocketAddress.of(caller);
    }

    /**
     * True for the JDK's own path class on this platform ({@code sun.nio.fs.UnixPath}, defined by the boot
     * loader). A hooked provider or view method can be handed any {@code Path} (a proxy, a subclass of the
     * application's): its methods are the application's code, and called inside the guard they would run with
     * the guard's checks off (a {@code toString} that reads a denied file). The JDK's provider refuses a path
     * not its own ({@code ProviderMismatchException}), so the guard lets its body do so and touches nothing.
     */
    static boolean jdkPath(Object file) {
        if (file == null) {
            return false;
        }
        Class<?> type = file.getClass();
        return type.getClassLoader() == null && type.getName().equals("sun.nio.fs.UnixPath");
    }

    /** {@code path} when it is the JDK's own, else the default file system's path of {@code text}, its text. */
    private static java.nio.file.Path jdkPathOf(java.nio.file.Path path, String text) {
        return jdkPath(path) ? path : java.nio.file.Path.of(text);
    }

    private static java.nio.charset.Charset jnuCharset;

    /** The charset the JDK encodes a socket path with ({@code sun.jnu.encoding}). */
    private static java.nio.charset.Charset jnu() {
        java.nio.charset.Charset c = jnuCharset;
        if (c == null) {
            c = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
            jnuCharset = c;
        }
        return c;
    }

    /** The error the JDK's connect gives when the socket file cannot be reached (it names no path). */
    private static java.net.SocketException socketError(java.io.IOException e) {
        String reason;
        if (e instanceof java.nio.file.NoSuchFileException) {
            reason = "No such file or directory";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "Permission denied";
        } else if (e instanceof java.nio.file.FileSystemException
                && ((java.nio.file.FileSystemException) e).getReason() != null) {
            reason = ((java.nio.file.FileSystemException) e).getReason();
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new java.net.SocketException(reason);
    }

    public static void listen(InetAddress address, int port) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.listen(address, port);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network listen", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- outbound bytes (budgets) ---------------------------------------------------------------------

    /** True when the bytes were charged; the hook then hands back what was not sent (outboundUnsent). */
    public static boolean outbound(String op, InetAddress address, long bytes) {
        ThreadState depth = enter();
        if (depth == null) {
            return false;
        }
        try {
            return guard.outbound(op, address, bytes);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void outboundUnsent(InetAddress address, long bytes) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.outboundUnsent(address, bytes);
        } catch (Throwable t) {
            throw failure("network unsent bytes", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- reverse lookups ---------------------------------------------------------------------------------

    /**
     * May the name of {@code address} be looked up (a PTR query)? False means the hook skips the lookup
     * and the caller gets the address literal, as when the JDK's own lookup fails.
     */
    public static boolean reverseLookup(InetAddress address) {
        ThreadState depth = enter();
        if (depth == null) {
            return true;
        }
        try {
            return guard.reverseLookup(address);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network resolve-reverse", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- native code ---------------------------------------------------------------------------------

    public static void nativeLoad(String name, String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.nativeLoad(name, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("native load", t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- NIO secure directory streams ----------------------------------------------------------------

    /**
     * An access to {@code entry} (null: the directory itself) inside the directory that a
     * {@code SecureDirectoryStream} holds open. The stream acts through a directory descriptor, so the path
     * is rebuilt from where that descriptor's folder is now ({@link SecureDirectories}), and then checked
     * like any other path. A stream the guard never saw made has no path to check: denied.
     */
    public static void fileInDirectory(int access, String op, Object stream, String entry, boolean noFollow) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            String directory = SecureDirectories.directoryOf(stream);
            if (directory == null) {
                throw new GuardDeniedException("agentguard: denied file " + op + " " + entry
                        + " (rule guard-error): the directory stream was opened before the guard was installed,"
                        + " so the guard cannot tell which directory it acts in; open it again", "guard-error");
            }
            String path = SecureDirectories.resolve(directory, entry);
            if (noFollow) {
                guard.fileNoFollow(access, op, path);
            } else {
                guard.file(access, op, path);
            }
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth.depth = 0;
        }
    }

    // ---- the guard's own threads ---------------------------------------------------------------------

    /** The guard's threads (the killswitch watcher): copy on write, read without a lock. */
    private static volatile Thread[] guardThreads = new Thread[0];

    /**
     * Protects a thread of the guard before it starts (so there is no window between start and
     * {@link #markGuardThread}); needs the key that {@link #install} returned.
     */
    public static void protectThread(Object presented, Thread thread) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied protecting a thread as the guard's (rule protected)",
                    "protected");
        }
        addGuardThread(thread);
    }

    /** Throws unless {@code presented} is the key that {@link #install} returned. */
    static void checkKey(Object presented) {
        if (presented == null || presented != key) {
            throw new GuardDeniedException("agentguard: denied a step of the guard's own (rule protected)", "protected");
        }
    }

    private static synchronized void addGuardThread(Thread thread) {
        Thread[] old = guardThreads;
        for (Thread t : old) {
            if (t == thread) {
                return;
            }
        }
        Thread[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = thread;
        guardThreads = grown;
    }

    /**
     * {@code Thread.interrupt/stop/suspend/setPriority/setName/setUncaughtExceptionHandler} on {@code target}:
     * refused, in both modes, when the target is one of the guard's threads and the caller is not the guard.
     * An interrupted or stopped killswitch watcher would never trip again. The allowed path (any other
     * thread) is a volatile read and a loop over one or two references.
     */
    public static void guardThread(Thread target, String op) {
        Thread[] threads = guardThreads;
        for (Thread t : threads) {
            if (t == target) {
                if (DEPTH.get().depth > 0) {
                    return;
                }
                throw tampered("thread-" + op, target.getName(),
                        "the guard's own threads cannot be interrupted, stopped, suspended or changed");
            }
        }
    }

    // ---- other processes (ProcessHandle) -------------------------------------------------------------

    /** {@code ProcessHandleImpl.destroyProcess}: a signal to {@code target}; throws when denied. */
    public static void processSignal(ProcessHandle target, boolean force) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.processSignal(target, force);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process signal", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * {@code ProcessHandleImpl.info()}: true when {@code target}'s command line may be read. False (or a
     * failed check) means the hook returns {@link #hiddenProcessInfo}.
     */
    public static boolean processInfo(ProcessHandle target) {
        ThreadState depth = enter();
        if (depth == null) {
            return true;
        }
        try {
            return guard.processInfo(target);
        } catch (Throwable t) {
            // Fail closed: nothing is revealed when the check itself failed.
            return false;
        } finally {
            depth.depth = 0;
        }
    }

    /** What a hidden {@code ProcessHandle.info()} returns: every field absent, as for a process the OS hides. */
    public static ProcessHandle.Info hiddenProcessInfo() {
        return HiddenProcessInfo.INSTANCE;
    }

    // ---- name-resolver providers (JDK 18+) ----------------------------------------------------------

    /**
     * {@code InetAddress.loadResolver()} returned {@code resolver}: the JDK's own ({@code builtin}) passes
     * unchecked; any other is what the guard says. When no decision can be recorded (inside the guard's own
     * work, or before it is installed) or the check fails, the provider is not trusted: the built-in
     * resolver is used.
     */
    public static Object resolverProvider(Object resolver, Object builtin) {
        if (resolver == builtin || resolver == null) {
            return resolver;
        }
        ThreadState depth = enter();
        if (depth == null) {
            return builtin;
        }
        try {
            return guard.resolverProvider(resolver);
        } catch (Throwable t) {
            return builtin;
        } finally {
            depth.depth = 0;
        }
    }

    /** A named class, not a lambda: lambdas on hooked paths re-enter instrumentation on JDK 17. */
    private static final class DepthLocal extends ThreadLocal<ThreadState> {
        @Override
        protected ThreadState initialValue() {
            return new ThreadState();
        }
    }

    // ---- the JVM's own machinery -------------------------------------------------------------------------

    /**
     * {@code DiagnosticCommandImpl$Wrapper.execute(args)}: decides the command line exactly as the JDK will
     * build it, from a copy of {@code args} that the hook hands back to the JDK, so that another thread
     * changing the caller's array after the check changes nothing.
     */
    public static String[] diagnosticCommand(String command, String[] args) {
        if (absent()) {
            return args;
        }
        String[] copy = args == null ? null : args.clone();
        ThreadState depth = enter();
        if (depth == null) {
            return copy;
        }
        try {
            StringBuilder line = new StringBuilder(String.valueOf(command));
            if (copy != null) {
                for (String arg : copy) {
                    if (arg == null) {
                        // The JDK refuses a null argument itself, before running anything.
                        return copy;
                    }
                    line.append(' ').append(arg);
                }
            }
            guard.diagnosticCommand(line.toString());
            return copy;
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("jvm diagnostic", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void heapDump(String path) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.heapDump(path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("jvm heap-dump", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void setVMOption(String name, String value) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.setVMOption(name, value);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("jvm set-flag", t);
        } finally {
            depth.depth = 0;
        }
    }

    public static void jfrStart(Object recording) {
        ThreadState depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.jfrStart(String.valueOf(recording));
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("jvm jfr-start", t);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * Flight Recorder's settings, as {@code MetadataRepository.setSettings} is about to apply them: copies
     * in which the events that record the environment and other processes' command lines are off, under
     * every policy and in both modes (the guard's threads too). Any key naming those events is dropped
     * first, however it is spelled ({@code com.oracle.jdk.} legacy names, spaces around the setting).
     */
    public static java.util.List<Map<String, String>> jfrSettings(java.util.List<Map<String, String>> settings) {
        java.util.List<Map<String, String>> safe = new java.util.ArrayList<>(settings.size());
        for (Map<String, String> one : settings) {
            Map<String, String> copy = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> e : one.entrySet()) {
                String key = e.getKey();
                if (key != null && !key.contains("InitialEnvironmentVariable") && !key.contains("SystemProcess")) {
                    copy.put(key, e.getValue());
                }
            }
            copy.put("jdk.InitialEnvironmentVariable#enabled", "false");
            copy.put("jdk.SystemProcess#enabled", "false");
            safe.add(copy);
        }
        return safe;
    }

    /**
     * {@code agentmain} of a Java agent loaded after start-up (attach, {@code JVMTI.agent_load}): refused in
     * both modes, since the agent would get an {@code Instrumentation} and could take every hook out, except
     * the agent of a {@code jvm.agents} jar whose load the guard just allowed on this thread. Refused also
     * when the guard cannot decide (a nested call, a failure).
     */
    public static void lateAgent(String agentClass) {
        if (absent()) {
            return;
        }
        ThreadState depth = enter();
        if (depth == null) {
            throw tampering(LATE_AGENT, agentClass);
        }
        try {
            guard.agentmain(agentClass);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw tampering(LATE_AGENT, agentClass);
        } finally {
            depth.depth = 0;
        }
    }

    /**
     * A {@code Launcher-Agent-Class} in the application jar's manifest: always refused, in both modes and
     * on every thread (the launcher then stops before {@code main}). Recorded when the guard can.
     */
    public static void launcherAgent(String jar) {
        refuseTampering(LATE_AGENT, jar);
    }

    /**
     * {@code LauncherHelper.addExportsOrOpens}: a {@code java -jar} manifest's {@code Add-Opens} or
     * {@code Add-Exports}. Opening a JDK package to the application lets it call the JDK below the guard's
     * hooks (the {@code ProcessImpl} constructor), so it is refused in both modes and the launcher stops.
     */
    public static void jarOpens(String what) {
        refuseTampering(JAR_OPENS, what);
    }

    /**
     * The hook transformer refused another agent's retransformation or redefinition of a hooked class that
     * it could not weave (the class keeps its hooks): recorded on whatever thread asked for it, nested in a
     * check or not, and never throws, since the refusal itself does not depend on the record.
     */
    public static void reweaveRefused(String className, String error) {
        if (absent()) {
            return;
        }
        ThreadState depth = enter();
        try {
            guard.reweaveRefused(className, error);
        } catch (Throwable ignored) {
            // The transformer refuses the bytes whether or not this was recorded.
        } finally {
            if (depth != null) {
                depth.depth = 0;
            }
        }
    }

    private static final int LATE_AGENT = 0;
    private static final int JAR_OPENS = 1;

    /** Records a tampering attempt and throws, whether or not the record could be written. */
    private static void refuseTampering(int kind, String what) {
        if (absent()) {
            return;
        }
        GuardDeniedException denial = null;
        ThreadState depth = enter();
        if (depth != null) {
            try {
                if (kind == LATE_AGENT) {
                    guard.lateAgent(what);
                } else {
                    guard.jarOpens(what);
                }
            } catch (GuardDeniedException e) {
                denial = e;
            } catch (Throwable ignored) {
                // Refused below whether or not the record could be written.
            } finally {
                depth.depth = 0;
            }
        }
        if (denial != null) {
            throw denial;
        }
        throw tampering(kind, what);
    }

    private static GuardDeniedException tampering(int kind, String what) {
        return kind == LATE_AGENT
                ? new GuardDeniedException("agentguard: denied guard agent-load " + what + " (rule protected): a Java"
                        + " agent loaded after start-up could remove the guard's hooks", "protected")
                : new GuardDeniedException("agentguard: denied guard jar-opens " + what + " (rule protected): a jar"
                        + " manifest may not open the JDK's packages under the guard", "protected");
    }
}
