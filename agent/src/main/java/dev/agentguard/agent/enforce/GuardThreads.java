package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardBridge;

/**
 * The guard's own daemon threads (the killswitch watcher, the child-process watcher): made in a thread group
 * of their own under the top group, so that {@code ThreadGroup.interrupt()} on the application's groups never
 * reaches them (the bridge would refuse, and the application's call would fail half-way), and protected
 * before they start: interrupt, stop, suspend and renaming them are refused from the first instant.
 *
 * <p>They run unchecked for good, so no code of the application may ever run on them. Each gets its own
 * uncaught-exception handler, which ignores the error: without one the JVM hands an error that ends the
 * thread to the application's default handler ({@code Thread.setDefaultUncaughtExceptionHandler}) on this
 * very thread, where its file reads were not checked (GuardThreadTest: an OutOfMemoryError forced on the
 * child-process watcher by a full heap read {@code ~/.ssh/id_rsa}). Set before the thread is protected, as
 * the bridge refuses that setter on a protected thread. Nor do they copy their maker's inheritable
 * thread-local values: {@code InheritableThreadLocal.childValue} is the application's code, and it would run
 * on the maker's thread inside the guard's check that made the thread.
 */
final class GuardThreads {
    private GuardThreads() {}

    static Thread start(Object key, Runnable work, String name) {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        // No inheritable thread-local values: copying them calls the application's childValue, here, where the
        // maker's calls may not be checked (the watcher is made inside the check of a start; GuardThreadTest).
        Thread thread = new Thread(new ThreadGroup(top, "agentguard"), work, name, 0, false);
        thread.setDaemon(true);
        OwnStandardError.ready();
        thread.setUncaughtExceptionHandler(Ignored.HANDLER);
        GuardBridge.protectThread(key, thread);
        thread.start();
        return thread;
    }

    /** The guard threads' handler: the error is dropped, and the application's default handler never runs. */
    private static final class Ignored implements Thread.UncaughtExceptionHandler {
        static final Ignored HANDLER = new Ignored();
        /** Made now, not at the first use (see ChildProcesses.WATCHER_FAILED). */
        private static final String ENDED = String.valueOf((Object) "agentguard: a thread of the guard ended");

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            OwnStandardError.println(ENDED, error);
        }
    }
}
