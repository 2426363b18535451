package dev.agentguard.apps.budget;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Streams data to a receiver of the parent test through one write path, in chunks of {@value #CHUNK}
 * bytes, until a byte budget refuses a chunk (or everything is sent). Prints {@code STREAM sent=<bytes>}
 * (what the guard let through, chunk by chunk) and {@code DENIED <message>} when a write was refused.
 *
 * <p>Usage: {@code ByteStreamer PATH HOST PORT TOTAL} with PATH one of socket, channel, gathering, adaptor,
 * datagram-socket, datagram-send, datagram-write, async, transfer-to (the file {@code -Dag.source}),
 * http (a POST of TOTAL bytes to http://HOST:PORT/upload); or {@code ByteStreamer per-host HOST1 PORT1 HOST2
 * PORT2 TOTAL}: HOST1 until refused, then TOTAL bytes to HOST2.
 */
public final class ByteStreamer {
    static final int CHUNK = 5000;

    private long sent;

    private ByteStreamer() {}

    public static void main(String[] args) throws Exception {
        ByteStreamer streamer = new ByteStreamer();
        if (args[0].equals("per-host")) {
            streamer.perHost(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]));
            return;
        }
        try {
            streamer.stream(args[0], args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
            System.out.println("STREAM sent=" + streamer.sent);
        } catch (Exception e) {
            System.out.println("STREAM sent=" + streamer.sent);
            System.out.println("DENIED " + denial(e));
        }
    }

    private void perHost(String first, int firstPort, String second, int secondPort, long total) throws Exception {
        try {
            stream("socket", first, firstPort, Long.MAX_VALUE);
        } catch (Exception e) {
            System.out.println("FIRST sent=" + sent);
            System.out.println("DENIED " + denial(e));
        }
        sent = 0;
        stream("socket", second, secondPort, total);
        System.out.println("SECOND sent=" + sent);
    }

    /** The guard's message, or the whole exception when something else went wrong (the parent then fails). */
    private static String denial(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SecurityException && String.valueOf(c.getMessage()).contains("agentguard: denied")) {
                return c.getMessage().replace('\n', ' ');
            }
        }
        return "not-a-denial " + e;
    }

    private void stream(String path, String host, int port, long total) throws Exception {
        InetSocketAddress target = new InetSocketAddress(host, port);
        switch (path) {
            case "socket" -> {
                try (Socket socket = new Socket(target.getAddress(), port)) {
                    streamTo(socket.getOutputStream(), total);
                }
            }
            case "adaptor" -> {
                try (SocketChannel channel = SocketChannel.open(target)) {
                    streamTo(channel.socket().getOutputStream(), total);
                }
            }
            case "channel", "gathering" -> {
                try (SocketChannel channel = SocketChannel.open(target)) {
                    while (sent < total) {
                        ByteBuffer[] parts = chunk(path.equals("gathering"), total);
                        long n = 0;
                        while (parts[parts.length - 1].hasRemaining()) {
                            n += parts.length == 1 ? channel.write(parts[0]) : channel.write(parts, 0, parts.length);
                        }
                        sent += n;
                    }
                }
            }
            case "async" -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.connect(target).get(10, TimeUnit.SECONDS);
                    while (sent < total) {
                        ByteBuffer buffer = chunk(false, total)[0];
                        while (buffer.hasRemaining()) {
                            sent += channel.write(buffer).get(10, TimeUnit.SECONDS);
                        }
                    }
                }
            }
            case "datagram-socket" -> {
                try (DatagramSocket socket = new DatagramSocket()) {
                    while (sent < total) {
                        byte[] data = new byte[(int) Math.min(CHUNK, total - sent)];
                        socket.send(new DatagramPacket(data, data.length, target));
                        sent += data.length;
                    }
                }
            }
            case "datagram-send", "datagram-write" -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    boolean connected = path.equals("datagram-write");
                    if (connected) {
                        channel.connect(target);
                    }
                    while (sent < total) {
                        ByteBuffer buffer = chunk(false, total)[0];
                        sent += connected ? channel.write(buffer) : channel.send(buffer, target);
                    }
                }
            }
            case "transfer-to" -> {
                try (FileChannel file = FileChannel.open(Path.of(System.getProperty("ag.source")), StandardOpenOption.READ);
                     SocketChannel channel = SocketChannel.open(target)) {
                    long size = Math.min(total, file.size());
                    while (sent < size) {
                        sent += file.transferTo(sent, Math.min(CHUNK, size - sent), channel);
                    }
                }
            }
            case "http" -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) total])).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                System.out.println("HTTP status=" + response.statusCode());
                sent = total;
            }
            default -> throw new IllegalArgumentException("unknown path " + path);
        }
    }

    private void streamTo(OutputStream out, long total) throws IOException {
        while (sent < total) {
            int n = (int) Math.min(CHUNK, total - sent);
            out.write(new byte[n]);
            sent += n;
        }
        out.flush();
    }

    /** The next chunk, in one buffer or split over two (for a gathering write). */
    private ByteBuffer[] chunk(boolean split, long total) {
        int n = (int) Math.min(CHUNK, total - sent);
        if (!split) {
            return new ByteBuffer[] {ByteBuffer.allocate(n)};
        }
        return new ByteBuffer[] {ByteBuffer.allocate(n / 2), ByteBuffer.allocate(n - n / 2)};
    }
}
