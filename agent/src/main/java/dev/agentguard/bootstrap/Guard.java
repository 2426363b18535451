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

    /**
     * Before a read open ({@code FileInputStream}, {@code RandomAccessFile} "r", an NIO channel without write
     * options): the decision on the path as given, made without any system call. Throws when that denies
     * (enforce mode). Returns a token when the open is to be decided after it, on its descriptor
     * ({@link #opened}, which it spares deciding the same form twice), null when it was decided and recorded
     * already (audit mode, denied).
     */
    Object beforeOpen(String op, String path);

    /**
     * The JDK opened {@code path}, and the kernel says its descriptor is {@code where}
     * ({@code readlink /proc/self/fd/N}): the decision and the record of the open, on that object.
     * {@code before}: what {@link #beforeOpen} returned. Throws when denied (enforce mode); the caller then
     * closes the descriptor. {@code id}: the descriptor's identity ({@code fstat}), under which an allowed
     * read is remembered; null or not valid when it could not be read.
     */
    void opened(int access, String op, String path, String where, Object before, ObjectId id);

    /**
     * The JDK opened {@code path} (or the guard named a folder to list, {@code op} "list"), and {@code id} is
     * what {@code fstat} says its descriptor is: when that object, unchanged, was decided allowed for
     * {@code access} through the same path before, the decision is applied and recorded again, and this returns
     * true; false when the full decision ({@link #opened}, on {@code readlink} of the descriptor) is to be made.
     * {@code before}: what {@link #beforeOpen} returned.
     */
    boolean openedKnown(int access, String op, String path, ObjectId id, Object before);

    /**
     * A NIO listing's stream was made on a descriptor of the folder {@code path} names, after the check before it
     * allowed {@code path}, and {@code id} is what {@code fstat} says that descriptor is: true when that folder,
     * unchanged, was decided allowed as a read through the same path before (nothing is recorded again: the check
     * before the listing recorded it); false when {@link #listed} is to decide it.
     */
    boolean listedKnown(String path, ObjectId id);

    /**
     * A NIO listing's stream is on the folder the kernel says its descriptor is ({@code where}): decided as a read
     * there; a denial is recorded and throws (enforce mode), an allowed decision is remembered under {@code id}
     * (null when it could not be read).
     */
    void listed(String op, String path, String where, ObjectId id);

    /**
     * The JDK's open of {@code path} failed: decided and recorded on the path's real form, so that a name
     * that leads to a denied object is reported as denied, whether or not that object exists.
     */
    void openFailed(int access, String op, String path);

    /**
     * Before a write open (java.io, or NIO with write options): {@link #file} or {@link #fileNoFollow},
     * returning the real form decided, on which the open is then anchored (its parent folder held open); null
     * when the path was undecidable and, in audit mode, the JDK is to open it as given.
     */
    String beforeWrite(int access, String op, String path, boolean noFollow);

    /**
     * The object a write was decided on ({@code decided}, a real form) and the one the kernel holds now
     * ({@code where}: the pinned folder plus the leaf, or the opened file's descriptor link). Nothing is done
     * when they are the same; otherwise {@code where} is decided, and a denial throws (enforce mode).
     */
    void pinned(int access, String op, String path, String decided, String where);

    /** An access that acts on a link itself, not on what it points to (delete, rename, read a link). */
    void fileNoFollow(int access, String op, String path);

    /**
     * A read of a file's metadata (exists, file type, access probe, attributes, real path), following
     * links unless {@code noFollow}. Returns true when the call may go on; false when it is denied and the
     * hook is to answer as for a missing file, which tells the caller nothing (not even that a denied file
     * exists). Throws {@link GuardDeniedException} when answering "absent" is unsafe: where the caller
     * could act on the belief and writing the path is granted (it would create or truncate a file that is
     * there), and under the killswitch.
     */
    boolean fileQuery(String op, String path, boolean noFollow);

    /** {@link #fileLook}'s answer for a denied query to be answered as for a missing file. */
    Object ABSENT = new Object();

    /**
     * A metadata query answered from the guard's own look at the object, so that the kernel is asked once and
     * the answer is about the very object decided: the guard reads the attributes of {@code file} (a
     * {@code java.nio.file.Path}, or a {@code java.io.File}'s path string) as the JDK method would ({@code type}:
     * the attribute interface asked for, null for basic), decides on the object they name, and returns them.
     * Returns {@link #ABSENT} when denied and to be answered as missing ({@code mayAnswerAbsent}; otherwise a
     * denial throws), and null when the guard could not look (no such file, an unsupported type): the query was
     * then decided as {@link #fileQuery} decides it, and the JDK method is to run.
     */
    Object fileLook(String op, Object file, Class<?> type, boolean noFollow, boolean mayAnswerAbsent);

    /** Opening a stream on a {@link FileDescriptor} object: allowed only for a valid (JDK-opened) descriptor. */
    void fileDescriptor(FileDescriptor fd);


    /**
     * A process start: the argv (program first), the environment the application gave (null: inherit the
     * JVM's) and the working directory (null: {@code user.dir}). {@code prepaid}: a stage of a pipeline whose
     * {@code process.exec} token {@link #execPipeline} took. Returns what the JDK is to start:
     * {@code [0]} the argv ({@code String[]}), {@code [1]} the environment (a map of the JDK's own type, never
     * the application's), {@code [2]} a token for {@link #started}.
     */
    Object[] start(String[] argv, Map<String, String> environment, String directory, boolean prepaid);

    /** The JDK started the child that {@link #start} returned {@code token} for. */
    void started(Object token, Process process);

    /**
     * {@code ProcessBuilder.startPipeline}: every stage decided, and one {@code process.exec} token per stage
     * taken at once, before the first stage starts.
     */
    void execPipeline(String[][] argvs, String[] directories);

    /**
     * Filters, in place, an environment that holds the JVM's own variables (a child that inherits it, a
     * {@code ProcessBuilder.environment()} copy, {@code System.getenv()}): drops the strip lists, and what
     * {@code env.read} does not grant (enforce mode).
     */
    void childEnvironment(Map<String, String> environment);

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

    /**
     * A Unix domain socket connect to {@code path} was pinned: the socket file the kernel will connect to is
     * at {@code where} ({@code readlink} of an {@code O_PATH} descriptor of it). Decided when it differs from
     * the path as given; a denial throws (enforce mode) and is recorded, an allowed one was recorded by
     * {@link #unixSocket} already.
     */
    void unixSocketPinned(String path, String where);

    /**
     * A Unix domain socket bind to {@code path}: decided as {@link #unixSocket} does (a denial throws), and returns
     * the real form decided (the real parent folder plus the last name), which the bridge pins; null when there
     * is nothing to pin (undecidable in audit mode: the bind goes ahead by the name).
     */
    String unixBind(String path);

    /**
     * A bind was pinned ({@link #unixBind}): the socket file will be made at {@code where} (the pinned folder's
     * path now plus the last name), decided when it differs from {@code decided}. {@code fits}: whether the name
     * the JDK is handed ({@code /proc/self/fd/D/leaf}) fits {@code sun_path}; a bind that does not fit is denied,
     * since binding by the name again is what lets a swapped folder place the socket file elsewhere.
     */
    void unixBindPinned(String path, String decided, String where, boolean fits);

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

    /**
     * {@code ProcessHandle.destroy/destroyForcibly} (also {@code Process.destroy}) on {@code target}: throws
     * when the target is not this JVM's own descendant.
     */
    void processSignal(ProcessHandle target, boolean force);

    /**
     * {@code ProcessHandle.info()} of {@code target}: true when its command line may be read; false hides it
     * (an empty Info). A denial is recorded, not thrown.
     */
    boolean processInfo(ProcessHandle target);

    /**
     * The {@code InetAddressResolver} a provider on the class path offered (JDK 18+), loaded once per JVM:
     * returns what the JVM is to use, {@code resolver} when its provider is granted (or in audit mode), or
     * a resolver that refuses every lookup (enforce mode). Types are {@code Object}: the interface does not
     * exist on JDK 17.
     */
    Object resolverProvider(Object resolver);
    // ---- the JVM's own machinery (policy reference section 11a) ----------------------------------------

    /** An in-process diagnostic command, the whole command line as HotSpot will parse it. */
    void diagnosticCommand(String commandLine);

    /** {@code HotSpotDiagnosticMXBean.dumpHeap(path, live)}: a heap dump about to be written to {@code path}. */
    void heapDump(String path);

    /** {@code HotSpotDiagnosticMXBean.setVMOption(name, value)}. */
    void setVMOption(String name, String value);

    /** A Flight Recorder recording about to start ({@code recording}: its description). */
    void jfrStart(String recording);

    /** A {@code Launcher-Agent-Class} ({@code what}: the application jar): recorded as tampering; the bridge throws. */
    void lateAgent(String what);

    /**
     * {@code agentmain} of a Java agent loaded after start-up: returns only for the {@code Agent-Class} of a
     * {@code jvm.agents} jar whose {@code JVMTI.agent_load} was just allowed on this thread; throws otherwise.
     */
    void agentmain(String agentClass);

    /**
     * A jar manifest's {@code Add-Opens} or {@code Add-Exports} ({@code what}: the attribute and its value),
     * applied by the launcher after the guard started: recorded as tampering; the bridge throws.
     */
    void jarOpens(String what);

    /**
     * Another agent retransformed or redefined the hooked class {@code className} into bytes the guard could
     * not weave ({@code error}): the retransformation was refused and the class keeps its hooks. Recorded,
     * and said on standard error.
     */
    void reweaveRefused(String className, String error);
}
