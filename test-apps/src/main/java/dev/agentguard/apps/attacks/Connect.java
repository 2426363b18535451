package dev.agentguard.apps.attacks;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** TCP connects the network attacks make; each sends a few bytes so a listener can see what arrived. */
final class Connect {
    static final int TIMEOUT_MS = 500;

    private Connect() {}

    static void socket(String host, int port) throws Exception {
        socket(new InetSocketAddress(host, port));
    }

    static void socket(InetAddress address, int port) throws Exception {
        socket(new InetSocketAddress(address, port));
    }

    private static void socket(InetSocketAddress target) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(target, TIMEOUT_MS);
            send(s.getOutputStream());
        }
    }

    static void channel(String host, int port) throws Exception {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port))) {
            send(ch);
        }
    }

    /**
     * Sends a few bytes after a connect. The connect alone is what the attack is judged by (it returned, so
     * the peer was reached), so a write that fails because the peer already closed changes nothing.
     */
    static void send(OutputStream out) {
        try {
            out.write(BYTES);
            out.flush();
        } catch (java.io.IOException peerGone) {
            // the connect already succeeded
        }
    }

    static void send(java.nio.channels.WritableByteChannel ch) {
        try {
            ch.write(ByteBuffer.wrap(BYTES));
        } catch (java.io.IOException peerGone) {
            // the connect already succeeded
        }
    }

    private static final byte[] BYTES = "ATTACK-BYTES\n".getBytes(StandardCharsets.US_ASCII);
}
