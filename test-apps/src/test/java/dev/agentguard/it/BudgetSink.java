package dev.agentguard.it;

import dev.agentguard.apps.hooks.BudgetActions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The test JVM's receiving end for the byte-budget hook actions, on 127.0.0.2 (TCP and UDP): what arrives
 * is a word, recorded as {@code received-<word>.txt} in the sandbox (the action's effect). A TCP connection
 * is closed once its word is recorded, a datagram acknowledged: the child waits for that, so the record
 * exists when it exits. Urgent data is read inline. Its daemon threads run until the test JVM exits.
 */
final class BudgetSink {
    private static final Pattern WORD = Pattern.compile("[a-z0-9-]{1,40}");

    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final Path dir;

    private BudgetSink(Path dir) throws IOException {
        InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        this.dir = dir;
        this.tcp = new ServerSocket(0, 50, address);
        this.udp = new DatagramSocket(0, address);
    }

    static BudgetSink start(Path dir) throws IOException {
        BudgetSink sink = new BudgetSink(dir);
        daemon(sink::acceptLoop, "budget-sink-tcp");
        daemon(sink::receiveLoop, "budget-sink-udp");
        return sink;
    }

    int tcpPort() {
        return tcp.getLocalPort();
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    private void acceptLoop() {
        while (true) {
            try {
                Socket socket = tcp.accept();
                daemon(() -> drain(socket), "budget-sink-reader");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drain(Socket socket) {
        try (socket) {
            socket.setOOBInline(true);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
            }
            record(received.toString(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // A denied write: the child closed without sending; nothing to record.
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[256];
        while (true) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                record(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
                udp.send(new DatagramPacket(new byte[] {'k'}, 1, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void record(String word) throws IOException {
        if (WORD.matcher(word).matches()) {
            Files.writeString(dir.resolve(BudgetActions.marker(word)), word + "\n");
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
