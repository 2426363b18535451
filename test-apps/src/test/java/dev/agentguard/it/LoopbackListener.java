package dev.agentguard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP listener on 127.0.0.1 that records what reaches it: how many connections, how many bytes, and
 * the bytes themselves (bounded). Used to prove that a denied connect never arrived.
 */
public final class LoopbackListener implements AutoCloseable {
    private static final int KEEP = 1 << 20;

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread acceptor;

    public LoopbackListener() throws IOException {
        this(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    }

    /** A listener on another loopback address or a fixed port (0: any free port). */
    public LoopbackListener(InetAddress address, int port) throws IOException {
        server = new ServerSocket(port, 50, address);
        acceptor = new Thread(this::acceptLoop, "loopback-listener-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public synchronized String receivedText() {
        return received.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread reader = new Thread(() -> drain(socket), "loopback-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drain(Socket socket) {
        byte[] buffer = new byte[8192];
        try (socket; InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes.addAndGet(n);
                synchronized (this) {
                    if (received.size() < KEEP) {
                        received.write(buffer, 0, Math.min(n, KEEP - received.size()));
                    }
                }
            }
        } catch (IOException ignored) {
            // The peer went away; what arrived is counted.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
