package dev.agentguard.agent.enforce;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which names the guard itself saw resolve to which addresses. A connect is granted through a name rule
 * only for an address that a permitted lookup of that name returned: the host name an {@link InetAddress}
 * carries is not evidence, since {@code InetAddress.getByAddress("api.openai.com", bytes)} forges it.
 *
 * <p>Bounded: the oldest addresses are forgotten first (a forgotten address is simply denied by name).
 */
final class ResolvedNames {
    private static final int MAX_ADDRESSES = 4096;

    /** address (as a key string of its bytes) -> the names that resolved to it, most recent first. */
    private final Map<Key, String[]> namesByAddress = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    synchronized void record(String name, InetAddress[] addresses) {
        if (name == null || addresses == null) {
            return;
        }
        String normalized = normalize(name);
        for (InetAddress address : addresses) {
            Key key = new Key(address.getAddress());
            String[] names = namesByAddress.get(key);
            if (names == null) {
                namesByAddress.put(key, new String[] {normalized});
            } else if (!contains(names, normalized)) {
                String[] more = Arrays.copyOf(names, Math.min(names.length + 1, 8));
                System.arraycopy(names, 0, more, 1, more.length - 1);
                more[0] = normalized;
                namesByAddress.put(key, more);
            }
        }
    }

    /** The names that resolved to {@code address}, or an empty array. */
    synchronized String[] namesFor(byte[] address) {
        String[] names = namesByAddress.get(new Key(address));
        return names == null ? NONE : names;
    }

    private static final String[] NONE = new String[0];

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(bytes, ((Key) o).bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
