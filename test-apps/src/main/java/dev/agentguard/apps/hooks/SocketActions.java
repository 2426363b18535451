package dev.agentguard.apps.hooks;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Actions for the hooks of server sockets, Unix domain sockets, UDP sends and reverse lookups. Each does
 * exactly its own hooked call on loopback or inside the sandbox; what it needs besides (a free port, a
 * receiver, a Unix server) it gets in ways no check applies to (port-0 binds are a client's, the Unix
 * server belongs to the parent test).
 */
public final class SocketActions {
    /** The Unix domain server socket the parent test listens on, in the sandbox. */
    public static final String UNIX_SERVER = "server.sock";
    /** Written by the parent's Unix server when a connection reached it: the effect of the connect action. */
    public static final String UNIX_ACCEPTED = "unix-accepted.txt";
    /** The socket file the bind action creates: its effect. */
    static final String UNIX_BOUND = "bound.sock";
    static final String UNIX_NAMED = "named.sock";

    private SocketActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("sun.nio.ch.NioSocketImpl#listen(I)", new HookActions.Spec("network", null, s -> {
            try (ServerSocket server = new ServerSocket(0, 50, loopback())) {
                return "listening on 127.0.0.1:" + server.getLocalPort();
            }
        }));
        actions.put("sun.nio.ch.ServerSocketChannelImpl#netBind(Ljava/net/SocketAddress;I)",
                new HookActions.Spec("network", null, s -> {
                    try (ServerSocketChannel server = ServerSocketChannel.open()) {
                        server.bind(new InetSocketAddress(loopback(), 0));
                        return "listening on " + server.getLocalAddress();
                    }
                }));
        actions.put("sun.nio.ch.AsynchronousServerSocketChannelImpl#bind(Ljava/net/SocketAddress;I)",
                new HookActions.Spec("network", null, s -> {
                    try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()) {
                        server.bind(new InetSocketAddress(loopback(), 0));
                        return "listening on " + server.getLocalAddress();
                    }
                }));
        actions.put("sun.nio.ch.DatagramChannelImpl#bind(Ljava/net/SocketAddress;)",
                new HookActions.Spec("network", null, s -> {
                    int port = freeUdpPort();
                    try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
                        return "receiving on 127.0.0.1:" + receiver.getLocalPort();
                    }
                }));
        actions.put("sun.nio.ch.UnixDomainSockets#connect(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)",
                new HookActions.Spec("network", UNIX_ACCEPTED, s -> {
                    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(s.file(UNIX_SERVER)))) {
                        // The parent's server records the connection, then closes it: wait for that, so the
                        // record exists when this JVM exits.
                        ByteBuffer buffer = ByteBuffer.allocate(64);
                        while (channel.read(buffer) >= 0) {
                            buffer.clear();
                        }
                    }
                    return "connected to unix:" + s.file(UNIX_SERVER);
                }));
        actions.put("sun.nio.ch.UnixDomainSockets#bind(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)",
                new HookActions.Spec("network", UNIX_BOUND, s -> {
                    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        server.bind(UnixDomainSocketAddress.of(s.file(UNIX_BOUND)));
                        return "listening on unix:" + s.file(UNIX_BOUND);
                    }
                }));
        // The name read back: the bind is denied in the denying policy, so this row is too.
        actions.put("sun.nio.ch.UnixDomainSockets#localAddress(Ljava/io/FileDescriptor;)",
                new HookActions.Spec("network", UNIX_NAMED, s -> {
                    UnixDomainSocketAddress asked = UnixDomainSocketAddress.of(s.file(UNIX_NAMED));
                    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        server.bind(asked);
                        try (SocketChannel client = SocketChannel.open(asked); SocketChannel accepted = server.accept()) {
                            if (!asked.equals(server.getLocalAddress()) || !asked.equals(accepted.getLocalAddress())) {
                                throw new java.io.IOException("local addresses " + server.getLocalAddress() + " and "
                                        + accepted.getLocalAddress() + ", not " + asked);
                            }
                        }
                        return "bound and accepted as unix:" + s.file(UNIX_NAMED);
                    }
                }));
        actions.put("sun.nio.ch.DatagramChannelImpl#send(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;Ljava/net/InetSocketAddress;)",
                new HookActions.Spec("network", null, SocketActions::sendDatagram));
        HookActions.Action reverse = s -> {
            String name = loopback().getHostName();
            if (name.equals("127.0.0.1")) {
                // The guard's denial of a reverse lookup is the JDK's own answer to a failed one: the literal.
                return Sandbox.HIDDEN + " 127.0.0.1 came back without a name: the reverse lookup was skipped"
                        + " (agentguard: denied, recorded in the audit log)";
            }
            return "127.0.0.1 is named " + name;
        };
        actions.put("java.net.InetAddress#getHostFromNameService(Ljava/net/InetAddress;Z)",
                new HookActions.Spec("network", null, reverse));
        actions.put("java.net.InetAddress#getHostFromNameService(Ljava/net/InetAddress;)",
                new HookActions.Spec("network", null, reverse));
    }

    private static InetAddress loopback() throws java.net.UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    /** A UDP port free on loopback, found by a port-0 bind (a client's bind, which needs no grant). */
    private static int freeUdpPort() throws java.io.IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(loopback(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /**
     * An unconnected {@code DatagramSocket.send} to a receiver of this action on a system-chosen loopback
     * port. Allowed, the datagram must arrive; denied, it must not (waited for briefly), else this is an
     * error rather than a denial.
     */
    private static String sendDatagram(Sandbox s) throws Exception {
        byte[] data = "hello\n".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(loopback(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            try {
                sender.send(new DatagramPacket(data, data.length, loopback(), port));
            } catch (SecurityException denied) {
                if (received(receiver, 500)) {
                    throw new IllegalStateException("the datagram arrived although its send was denied", denied);
                }
                throw denied;
            }
            if (!received(receiver, 5000)) {
                throw new IllegalStateException("the datagram sent to 127.0.0.1:" + port + " never arrived");
            }
            return "sent a datagram to 127.0.0.1:" + port;
        }
    }

    private static boolean received(DatagramSocket receiver, int timeoutMillis) throws java.io.IOException {
        receiver.setSoTimeout(timeoutMillis);
        DatagramPacket packet = new DatagramPacket(new byte[64], 64);
        try {
            receiver.receive(packet);
            return true;
        } catch (SocketTimeoutException nothing) {
            return false;
        }
    }
}
