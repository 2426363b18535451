package dev.agentguard.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The names the guard bound Unix domain sockets through ({@code /proc/self/fd/D/leaf}, see
 * {@link GuardBridge#unixBind}), each with the name the application asked for. The kernel keeps the text a
 * socket was bound to and {@code getsockname} reports it: for the bound channel and for every channel it
 * accepts. The JDK reads it back as the channel's local address, where the application must see its own name.
 *
 * <p>A handed text names a descriptor number that is reused once D is closed, so two live sockets could be bound
 * through the same text for different names. {@link #claim} therefore refuses a text already held for another
 * name, and the bridge pins again on another number. Entries stay (a socket may live as long as the JVM);
 * there is one per text and name, as many as the descriptor numbers times the names bound.
 */
final class BoundSockets {
    private static final ConcurrentHashMap<String, String> CALLERS = new ConcurrentHashMap<>();

    private BoundSockets() {}

    /** Holds {@code handed} for {@code given}; false when it is held for another name. */
    static boolean claim(String handed, String given) {
        String held = CALLERS.putIfAbsent(handed, given);
        return held == null || held.equals(given);
    }

    /** The name the application bound for a text the kernel reports, or null when the guard did not bind it. */
    static String caller(String reported) {
        return reported.startsWith(Descriptors.PROC_FD) ? CALLERS.get(reported) : null;
    }
}
