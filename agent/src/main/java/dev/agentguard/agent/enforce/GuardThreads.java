package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardBridge;

/**
 * The guard's own daemon threads (the killswitch watcher, the child-process watcher): made in a thread group
 * of their own under the top group, so that {@code ThreadGroup.interrupt()} on the application's groups never
 * reaches them (the bridge would refuse, and the application's call would fail half-way), and protected
 * before they start: interrupt, stop, suspend and renaming them are refused from the first instant.
 */
final class GuardThreads {
    private GuardThreads() {}

    static Thread start(Object key, Runnable work, String name) {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        Thread thread = new Thread(new ThreadGroup(top, "agentguard"), work, name);
        thread.setDaemon(true);
        GuardBridge.protectThread(key, thread);
        thread.start();
        return thread;
    }
}
