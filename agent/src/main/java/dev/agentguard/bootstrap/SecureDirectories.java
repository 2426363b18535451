package dev.agentguard.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The directory descriptor each NIO {@code SecureDirectoryStream} holds open. Its methods act relative to
 * that descriptor and receive only the entry name, so the guard decides on where the descriptor's folder is
 * now ({@code readlink /proc/self/fd/<dfd>}), not on the path the stream was opened with: a folder moved
 * after the stream was opened is judged where it is, as the kernel will act there (issue 13, item 5).
 * Weak keys: a stream that is no longer referenced falls away. {@code UnixSecureDirectoryStream} does not
 * override {@code equals}/{@code hashCode}, so keys compare by identity.
 *
 * <p>The descriptor is recorded by the stream's constructor, once: a second record for the same stream (the
 * application calling {@link #record} itself) changes nothing. A stream closed after its check fails in
 * the JDK ({@code ClosedDirectoryStreamException}) before it uses the descriptor, which may by then number
 * another file.
 */
public final class SecureDirectories {
    private static final Map<Object, Integer> DESCRIPTORS = Collections.synchronizedMap(new WeakHashMap<>());

    private SecureDirectories() {}

    /** Called by the advice on the stream's constructor. */
    public static void record(Object stream, int directoryDescriptor) {
        if (stream != null) {
            DESCRIPTORS.putIfAbsent(stream, directoryDescriptor);
        }
    }

    /** Where the stream's directory is now, or null for a stream made before the guard was installed. */
    static String directoryOf(Object stream) throws java.io.IOException {
        // Only the JDK's own stream is looked up: the map calls the key's hashCode, which for any other class is
        // the application's code, and this runs inside the guard (attack2, SecureMoveTargetTest).
        Integer dfd = jdkStream(stream) ? DESCRIPTORS.get(stream) : null;
        if (dfd == null) {
            return null;
        }
        String where = Descriptors.where(dfd);
        if (!where.startsWith("/")) {
            throw new java.io.IOException("the stream's descriptor is not a folder: " + where);
        }
        // Taken as it is, " (deleted)" included (issue-13 review): a folder may be named so, and then its
        // entries are decided by their real names; a removed folder, whose old path the kernel shows with
        // that suffix, is empty and nothing can be made in it, so no decision on it can let anything through.
        return where;
    }

    /** True for the JDK's own {@code sun.nio.fs.UnixSecureDirectoryStream} (defined by the boot loader). */
    static boolean jdkStream(Object stream) {
        if (stream == null) {
            return false;
        }
        Class<?> type = stream.getClass();
        return type.getClassLoader() == null && type.getName().equals("sun.nio.fs.UnixSecureDirectoryStream");
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
