package dev.agentguard.agent.hooks;

import dev.agentguard.agent.hooks.env.EnvironmentCopyAdvice;
import dev.agentguard.agent.hooks.env.GetenvAllAdvice;
import dev.agentguard.agent.hooks.env.GetenvNameAdvice;
import dev.agentguard.agent.hooks.file.FileInputStreamOpenAdvice;
import dev.agentguard.agent.hooks.file.FileOutputStreamOpenAdvice;
import dev.agentguard.agent.hooks.file.RandomAccessFileOpenAdvice;
import dev.agentguard.agent.hooks.nativecode.LoadAdvice;
import dev.agentguard.agent.hooks.nativecode.LoadLibraryAdvice;
import dev.agentguard.agent.hooks.net.NetConnectAdvice;
import dev.agentguard.agent.hooks.net.ResolveAdvice;
import dev.agentguard.agent.hooks.process.ProcessImplStartAdvice;
import dev.agentguard.agent.hooks.process.StartPipelineAdvice;
import java.util.ArrayList;
import java.util.List;

/**
 * Every JDK method the guard hooks, and the check it maps to: the one table to read (and the one that
 * {@code HookCoverageTest} walks, failing when a row lacks its allowed and denied child-JVM tests).
 *
 * <p>Why these methods: each is the choke point that the public APIs of its resource funnel through on
 * JDK 17 and 25 (see docs/design/choke-points.md). The installer refuses to start the JVM if a row that
 * applies to the running JDK names a method that is not there, or if its advice could not be applied.
 */
public final class HookTable {
    static final int ANY = Integer.MAX_VALUE;
    private static final String DENY_THROWS = "throws GuardDeniedException (a SecurityException) before any effect";

    private static final List<Hook> ROWS = new ArrayList<>();

    static {
        // ---- files: java.io ---------------------------------------------------------------------------
        row("java.io.FileInputStream", "open", "(Ljava/lang/String;)V",
                "files: read the path", DENY_THROWS, FileInputStreamOpenAdvice.class, 17, ANY);
        row("java.io.FileOutputStream", "open", "(Ljava/lang/String;Z)V",
                "files: write the path (create, truncate or append)", DENY_THROWS,
                FileOutputStreamOpenAdvice.class, 17, ANY);
        row("java.io.RandomAccessFile", "open", "(Ljava/lang/String;I)V",
                "files: read (mode r) or write (rw, rws, rwd) the path; also ZipFile/JarFile", DENY_THROWS,
                RandomAccessFileOpenAdvice.class, 17, ANY);
        // ---- files: java.io.File (metadata) ------------------------------------------------------------
        // ---- files: NIO default provider ---------------------------------------------------------------
        // ---- processes --------------------------------------------------------------------------------
        row("java.lang.ProcessImpl", "start",
                "([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;[Ljava/lang/ProcessBuilder$Redirect;Z)Ljava/lang/Process;",
                "process.exec for the argv and the program it resolves to; the child environment is filtered",
                DENY_THROWS + " (no child exists)", ProcessImplStartAdvice.class, 17, ANY);
        row("java.lang.ProcessBuilder", "startPipeline", "(Ljava/util/List;)Ljava/util/List;",
                "process.exec for every stage before the first starts", DENY_THROWS + " (no child exists)",
                StartPipelineAdvice.class, 17, ANY);
        // ---- environment ------------------------------------------------------------------------------
        row("java.lang.ProcessEnvironment", "getenv", "(Ljava/lang/String;)Ljava/lang/String;",
                "env.read for the name", "returns null (the variable looks absent); recorded as a denial",
                GetenvNameAdvice.class, 17, ANY);
        row("java.lang.ProcessEnvironment", "getenv", "()Ljava/util/Map;",
                "env.read for every variable", "returns a map without the variables not granted",
                GetenvAllAdvice.class, 17, ANY);
        row("java.lang.ProcessEnvironment", "environment", "()Ljava/util/Map;",
                "env.read for every variable (ProcessBuilder.environment())",
                "the map holds only granted variables", EnvironmentCopyAdvice.class, 17, ANY);
        // ---- network ----------------------------------------------------------------------------------
        row("sun.nio.ch.Net", "connect",
                "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I",
                "network.connect for the address and port (and the name it was resolved from)", DENY_THROWS,
                NetConnectAdvice.class, 17, ANY);
        row("java.net.InetAddress", "getAllByName0",
                "(Ljava/lang/String;Ljava/net/InetAddress;ZZ)[Ljava/net/InetAddress;",
                "network: may the name be resolved", "throws UnknownHostException (the name looks unknown)",
                ResolveAdvice.class, 17, 17);
        row("java.net.InetAddress", "getAllByName0", "(Ljava/lang/String;Z)[Ljava/net/InetAddress;",
                "network: may the name be resolved", "throws UnknownHostException (the name looks unknown)",
                ResolveAdvice.class, 18, ANY);
        // Listens: the explicit server and receive binds, not Net.bind (every UDP client binds wildcard:0).
        row("sun.nio.ch.NioSocketImpl", "listen", "(I)V",
                "network.listen for the address and port the ServerSocket bound", DENY_THROWS + " (nothing listens)",
                dev.agentguard.agent.hooks.net.ServerSocketListenAdvice.class, 17, ANY);
        row("sun.nio.ch.ServerSocketChannelImpl", "netBind", "(Ljava/net/SocketAddress;I)Ljava/net/SocketAddress;",
                "network.listen for the address and port (null: the wildcard, port 0)",
                DENY_THROWS + " (not bound, nothing listens)", dev.agentguard.agent.hooks.net.ServerBindAdvice.class, 17, ANY);
        row("sun.nio.ch.AsynchronousServerSocketChannelImpl", "bind",
                "(Ljava/net/SocketAddress;I)Ljava/nio/channels/AsynchronousServerSocketChannel;",
                "network.listen for the address and port (null: the wildcard, port 0)",
                DENY_THROWS + " (not bound, nothing listens)", dev.agentguard.agent.hooks.net.ServerBindAdvice.class, 17, ANY);
        row("sun.nio.ch.DatagramChannelImpl", "bind", "(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;",
                "network.listen for a non-zero port (a bind for receiving); port 0 or null is a client's bind",
                DENY_THROWS + " (not bound)", dev.agentguard.agent.hooks.net.DatagramBindAdvice.class, 17, ANY);
        // Unix domain sockets, which never reach Net.connect.
        row("sun.nio.ch.UnixDomainSockets", "connect", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)I",
                "network.connect unix: entry for the socket path", DENY_THROWS, dev.agentguard.agent.hooks.net.UnixConnectAdvice.class, 17, ANY);
        row("sun.nio.ch.UnixDomainSockets", "bind", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)V",
                "network.listen unix: entry for the socket path", DENY_THROWS + " (no socket file is created)",
                dev.agentguard.agent.hooks.net.UnixBindAdvice.class, 17, ANY);
        // Unconnected UDP sends, which never reach Net.connect.
        row("sun.nio.ch.DatagramChannelImpl", "send",
                "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;Ljava/net/InetSocketAddress;)I",
                "network.connect for the datagram's target address and port", DENY_THROWS + " (nothing is sent)",
                dev.agentguard.agent.hooks.net.DatagramSendAdvice.class, 17, ANY);
        // Reverse lookups: a PTR query the application chooses is a DNS exfiltration channel.
        row("java.net.InetAddress", "getHostFromNameService", "(Ljava/net/InetAddress;Z)Ljava/lang/String;",
                "network: a reverse lookup, only of an address a network.connect IP/CIDR entry grants",
                "skips the lookup and returns the address literal (as the JDK does when it fails); recorded as a denial",
                dev.agentguard.agent.hooks.net.ReverseLookupAdvice.class, 17, 17);
        row("java.net.InetAddress", "getHostFromNameService", "(Ljava/net/InetAddress;)Ljava/lang/String;",
                "network: a reverse lookup, only of an address a network.connect IP/CIDR entry grants",
                "skips the lookup and returns the address literal (as the JDK does when it fails); recorded as a denial",
                dev.agentguard.agent.hooks.net.ReverseLookupAdvice.class, 18, ANY);
        // ---- native code ------------------------------------------------------------------------------
        row("java.lang.Runtime", "load0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library file", DENY_THROWS, LoadAdvice.class, 17, ANY);
        row("java.lang.Runtime", "loadLibrary0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library name", DENY_THROWS, LoadLibraryAdvice.class, 17, ANY);
    }

    private HookTable() {}

    private static void row(String className, String method, String descriptor, String check, String onDeny,
                            Class<?> advice, int fromJdk, int toJdk) {
        String simple = descriptor.substring(0, descriptor.indexOf(')') + 1);
        ROWS.add(new Hook(className + "#" + method + simple, className, method, descriptor, check, onDeny, advice,
                fromJdk, toJdk));
    }

    /** Every row, in table order. */
    public static List<Hook> rows() {
        return List.copyOf(ROWS);
    }

    /** The rows that apply to a JDK feature version. */
    public static List<Hook> rowsFor(int jdk) {
        List<Hook> out = new ArrayList<>();
        for (Hook hook : ROWS) {
            if (hook.appliesTo(jdk)) {
                out.add(hook);
            }
        }
        return out;
    }
}
