package dev.agentguard.bootstrap;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The static entry points that the advice inlined into JDK methods calls. It lives on the bootstrap class
 * path (the advice runs inside {@code java.base}) and stays tiny: it only forwards to the installed
 * {@link Guard}, and keeps the guard from checking its own work.
 *
 * <p>Reentrancy: while a thread is inside a check (writing the audit log, resolving a real path, loading
 * a class), the hooks it passes through on that thread return at once. Threads that belong to the guard
 * (the killswitch watcher, the shutdown summary) are marked inside for good.
 *
 * <p>Fail closed: an unexpected throwable from a check becomes a denial, never an allowed call.
 */
public final class GuardBridge {
    private static volatile Guard guard;

    /** Per-thread depth; an int[1] so the allowed path reads and writes it without boxing. */
    private static final ThreadLocal<int[]> DEPTH = new DepthLocal();

    private GuardBridge() {}

    /** Installs the guard; from now on every hooked call is checked. Only the agent calls this. */
    public static void install(Guard installed) {
        guard = installed;
    }

    /** Marks the current thread as the guard's own for good (its I/O is never checked). */
    public static void markGuardThread() {
        DEPTH.get()[0] = 1;
    }

    /** Runs {@code action} on this thread without checks; for the guard's own work. */
    public static boolean enterGuard() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            return false;
        }
        depth[0] = 1;
        return true;
    }

    public static void exitGuard() {
        DEPTH.get()[0] = 0;
    }

    private static int[] enter() {
        if (guard == null) {
            return null;
        }
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            return null;
        }
        depth[0] = 1;
        return depth;
    }

    private static GuardDeniedException failure(String what, Throwable t) {
        return new GuardDeniedException("agentguard: denied " + what
                + " (rule guard-error): the guard failed while checking it (" + t.getClass().getName()
                + "), and a failed check denies", "guard-error");
    }

    // ---- files ---------------------------------------------------------------------------------------

    public static void file(int access, String op, String path) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.file(access, op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth[0] = 0;
        }
    }

    public static void fileNoFollow(int access, String op, String path) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.fileNoFollow(access, op, path);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("file " + op, t);
        } finally {
            depth[0] = 0;
        }
    }

    /** Two paths: rename and move need write on both; a hard link needs write on both too. */
    public static void file2(int sourceAccess, String op, String source, int targetAccess, String target,
                             boolean noFollowSource) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static void fileDescriptor(FileDescriptor fd) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static void opened(FileDescriptor fd) {
        Guard g = guard;
        if (g != null && fd != null) {
            g.opened(fd);
        }
    }

    // ---- processes and environment ----------------------------------------------------------------------

    public static void exec(String[] argv, String directory) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.exec(argv, directory);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process exec", t);
        } finally {
            depth[0] = 0;
        }
    }

    /** Checks every stage of a pipeline before the first starts. */
    public static void execPipeline(java.util.List<ProcessBuilder> builders) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            for (ProcessBuilder builder : builders) {
                java.util.List<String> command = builder.command();
                java.io.File directory = builder.directory();
                guard.exec(command.toArray(new String[0]), directory == null ? null : directory.getPath());
            }
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process exec (pipeline)", t);
        } finally {
            depth[0] = 0;
        }
    }

    /**
     * The environment a child gets. {@code environment} null means "inherit the JVM's": it is replaced by
     * a filtered copy, which must be the JDK's own map type, so a fresh {@code ProcessBuilder}'s is used.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> childEnvironment(Map<String, String> environment) {
        int[] depth = enter();
        if (depth == null) {
            return environment;
        }
        try {
            boolean inherited = environment == null;
            Map<String, String> env = inherited ? new ProcessBuilder().environment() : environment;
            guard.childEnvironment(env, inherited);
            return env;
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("process exec (environment)", t);
        } finally {
            depth[0] = 0;
        }
    }

    /** A fresh environment map from {@code ProcessEnvironment.environment()}: holds only granted variables. */
    public static void environmentCopy(Map<String, String> environment) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.childEnvironment(environment, true);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("env read (ProcessBuilder.environment)", t);
        } finally {
            depth[0] = 0;
        }
    }

    public static String getenv(String name, String value) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static Map<String, String> getenvAll(Map<String, String> environment) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    // ---- network ---------------------------------------------------------------------------------------

    public static void resolve(String host) throws UnknownHostException {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static void resolved(String host, InetAddress[] addresses) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.resolved(host, addresses);
        } finally {
            depth[0] = 0;
        }
    }

    public static void connect(String op, InetAddress address, int port) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static void unixSocket(boolean listen, String path) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    public static void listen(InetAddress address, int port) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    // ---- outbound bytes (budgets) ---------------------------------------------------------------------

    public static void outbound(String op, InetAddress address, long bytes) {
        int[] depth = enter();
        if (depth == null) {
            return;
        }
        try {
            guard.outbound(op, address, bytes);
        } catch (GuardDeniedException e) {
            throw e;
        } catch (Throwable t) {
            throw failure("network " + op, t);
        } finally {
            depth[0] = 0;
        }
    }

    // ---- native code ---------------------------------------------------------------------------------

    public static void nativeLoad(String name, String path) {
        int[] depth = enter();
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
            depth[0] = 0;
        }
    }

    /** A named class, not a lambda: lambdas on hooked paths re-enter instrumentation on JDK 17. */
    private static final class DepthLocal extends ThreadLocal<int[]> {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    }
}
