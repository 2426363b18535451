package dev.agentguard.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The directory each NIO {@code SecureDirectoryStream} holds open. Its methods act relative to a directory
 * descriptor and receive only the entry name, so the guard rebuilds the full path from the directory
 * recorded when the stream was constructed. Weak keys: a stream that is no longer referenced falls away.
 * {@code UnixSecureDirectoryStream} does not override {@code equals}/{@code hashCode}, so keys compare by
 * identity.
 *
 * <p>The path recorded is the one the stream was opened with (made absolute later against
 * {@code user.dir}); if the directory is renamed afterwards, the check still uses the old name.
 */
public final class SecureDirectories {
    private static final Map<Object, String> DIRECTORIES = Collections.synchronizedMap(new WeakHashMap<>());

    private SecureDirectories() {}

    /** Called by the advice on the stream's constructor. */
    public static void record(Object stream, String directory) {
        DIRECTORIES.put(stream, directory);
    }

    /** The directory, or null for a stream made before the guard was installed. */
    static String directoryOf(Object stream) {
        return stream == null ? null : DIRECTORIES.get(stream);
    }

    /** The path an entry names: absolute entries ignore the directory (as {@code openat} does). */
    static String resolve(String directory, String entry) {
        if (entry == null) {
            return directory;
        }
        if (entry.startsWith("/")) {
            return entry;
        }
        return directory.endsWith("/") ? directory + entry : directory + "/" + entry;
    }
}
