package dev.agentguard.bootstrap;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * What the hooks ask, implemented by the agent's enforcer (loaded by the application class loader) and
 * reached through {@link GuardBridge}. Only JDK types cross this line, so the bootstrap side never needs
 * the engine, Byte Buddy or Jackson.
 *
 * <p>Each check returns normally when the call may go on, and throws {@link GuardDeniedException} when it
 * may not (enforce mode). Paths are passed as the application gave them.
 */
public interface Guard {
    int READ = 0;
    int WRITE = 1;
    /** Both, as one operation: a {@code RandomAccessFile} "rw" open (write does not imply read). */
    int READ_WRITE = 2;

    /**
     * A file access: {@link #READ}, {@link #WRITE} or {@link #READ_WRITE}; {@code op} names it for the audit
     * log ("open", "delete").
     */
    void file(int access, String op, String path);

    /** An access that acts on a link itself, not on what it points to (delete, rename, read a link). */
    void fileNoFollow(int access, String op, String path);

    /** Opening a stream on a {@link FileDescriptor} object: allowed only for a valid (JDK-opened) descriptor. */
    void fileDescriptor(FileDescriptor fd);


    /**
     * A process start: the argv (program first), the working directory (null: {@code user.dir}) and the
     * child's environment as {@code ProcessImpl.start} got it (null: the JVM's, filtered afterwards).
     * {@code prepaid}: a stage of a pipeline whose {@code process.exec} token {@link #execPipeline} took.
     * Returns null to keep {@code environment}, or the variables the child must get instead: a private
     * copy of those the decision was made on (a decomposed shell script), so that the application cannot
     * change them between the check and the start.
     */
    Map<String, String> exec(String[] argv, String directory, Map<String, String> environment, boolean prepaid);

    /**
     * {@code ProcessBuilder.startPipeline}: every stage decided, and one {@code process.exec} token per stage
     * taken at once, before the first stage starts.
     */
    void execPipeline(String[][] argvs, String[] directories);

    /** Filters a child's environment in place: drops the strip list, and, when {@code inherited}, what env.read does not grant. */
    void childEnvironment(Map<String, String> environment, boolean inherited);

    /** {@code System.getenv(name)}: the value to return, null when the variable is hidden. */
    String getenv(String name, String value);

    /** {@code System.getenv()}: the map to return, holding only granted variables. */
    Map<String, String> getenvAll(Map<String, String> environment);

    /** A name lookup; a denial throws {@link UnknownHostException} (enforce) so the name looks unknown. */
    void resolve(String host) throws UnknownHostException;

    /** The addresses a permitted lookup returned, so a later connect knows which name they came from. */
    void resolved(String host, InetAddress[] addresses);

    /** A TCP connect or UDP connect/send to an address. */
    void connect(String op, InetAddress address, int port);

    /** A Unix domain socket connect ({@code listen} false) or bind ({@code listen} true). */
    void unixSocket(boolean listen, String path);

    /** A server bind: TCP listen or a UDP bind for receiving. {@code address} null means the wildcard. */
    void listen(InetAddress address, int port);

    /**
     * Bytes about to leave through a socket write or datagram send to {@code address} (null when the peer
     * is not known): charged against the outbound byte budgets, whole or not at all. Returns true when the
     * bytes were charged, so the hook may hand back with {@link #outboundUnsent} what the write did not send
     * (a partial non-blocking write); false when nothing was charged (no budgets, or audit mode over budget).
     */
    boolean outbound(String op, InetAddress address, long bytes);

    /**
     * The part of a write charged by {@link #outbound} (true) that did not leave: a non-blocking write
     * that sent less, or a datagram the full buffer refused. It is taken off the budgets again.
     */
    void outboundUnsent(InetAddress address, long bytes);

    /**
     * A reverse (PTR) lookup of {@code address}: true when it may go on; false when it is skipped (the
     * caller then sees the address literal). A denial is recorded, not thrown.
     */
    boolean reverseLookup(InetAddress address);

    /**
     * A restricted method of the foreign-function API ({@code Linker}, {@code SymbolLookup.libraryLookup},
     * ...) called from application code: native code the other hooks cannot see.
     */
    void foreignAccess(Class<?> caller, String what);

    /** An attempt to tamper with the guard (reflection or Unsafe into its state): recorded; the bridge throws. */
    void tamper(String op, String target);

    /** {@code System.load(path)} ({@code name} null) or {@code System.loadLibrary(name)} ({@code path} null). */
    void nativeLoad(String name, String path);
}
