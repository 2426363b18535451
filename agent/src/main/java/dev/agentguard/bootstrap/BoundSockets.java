package dev.agentguard.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The names the guard bound Unix domain sockets through ({@code /proc/self/fd/D/leaf}, see
 * {@link GuardBridge#unixBind}), each with the name the application asked for. The kernel keeps the text a
 * socket was bound to and {@code getsockname} reports it: for the bound channel and for every channel it
 * accepts. The JDK reads it back as the channel's local address, where the application must see its own name.
 *
 * <p>A handed text names a descriptor number that is reused once D is closed, so two live sockets could be bound
 * through the same text for different names. {@link #claim} therefore refuses a text held for another name by a
 * socket still open, and the bridge pins again on another number. A text whose socket is closed (its
 * descriptor number no longer names the same {@code socket:[inode]}) is taken over by the new name (issue-13 attack,
 * {@code UnixBindReuseTest}: kept for the JVM's life, texts of the same last name ran out after 16 folders and
 * every later bind failed). A channel the closed server accepted and still holds then reports the new name.
 * There is one entry per text, as many as the descriptor numbers times the last names bound.
 */
final class BoundSockets {
    private static final ConcurrentHashMap<String, Held> CALLERS = new ConcurrentHashMap<>();

    private BoundSockets() {}

    /**
     * A name and the socket bound for it: its descriptor number and what {@code /proc/self/fd/N} said it was
     * ({@code socket:[inode]}, unique while the socket is open). A check of the socket's
     * {@code FileDescriptor.valid()} (weakly held) still refused the 17th folder's bind in that test on JDK 17
     * and 25, so the kernel is asked instead.
     */
    private static final class Held {
        final String given;
        final int number;
        final String object;

        Held(String given, int number, String object) {
            this.given = given;
            this.number = number;
            this.object = object;
        }

        /** Whether that socket is still open: its number still names the same socket object. */
        boolean open() {
            if (object == null) {
                return true; // not known: kept, as before
            }
            try {
                return object.equals(Descriptors.where(number));
            } catch (java.io.IOException | RuntimeException e) {
                return false; // the number is closed
            }
        }
    }

    /**
     * Holds {@code handed} for {@code given}, bound by the socket {@code socket}; false when it is held for
     * another name by a socket still open.
     */
    static boolean claim(String handed, String given, java.io.FileDescriptor socket) {
        int number = socket == null ? -1 : Descriptors.number(socket);
        String object = null;
        if (number >= 0) {
            try {
                object = Descriptors.where(number);
            } catch (java.io.IOException | RuntimeException e) {
                object = null;
            }
        }
        Held mine = new Held(given, number, object);
        while (true) {
            Held held = CALLERS.putIfAbsent(handed, mine);
            if (held == null) {
                return true;
            }
            if (held.open() && !held.given.equals(given)) {
                return false;
            }
            // The same name again (the newest socket answers for it), or a closed socket's text: taken over.
            if (CALLERS.replace(handed, held, mine)) {
                return true;
            }
        }
    }

    /** The name the application bound for a text the kernel reports, or null when the guard did not bind it. */
    static String caller(String reported) {
        if (!reported.startsWith(Descriptors.PROC_FD)) {
            return null;
        }
        Held held = CALLERS.get(reported);
        return held == null ? null : held.given;
    }
}
