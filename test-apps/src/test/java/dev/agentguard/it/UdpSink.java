package dev.agentguard.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/** A UDP socket that counts the datagrams that reach it; proves that a denied send never left. */
final class UdpSink implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicInteger datagrams = new AtomicInteger();

    UdpSink(InetAddress address) throws IOException {
        socket = new DatagramSocket(0, address);
        Thread reader = new Thread(this::receiveLoop, "udp-sink-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int datagrams() {
        return datagrams.get();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                datagrams.incrementAndGet();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
