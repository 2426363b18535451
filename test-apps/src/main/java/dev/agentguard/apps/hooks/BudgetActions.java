package dev.agentguard.apps.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Actions for the outbound byte hooks: each connects to a sink of the parent test on 127.0.0.2 (TCP port
 * {@code -Dag.budget.tcp}, UDP port {@code -Dag.budget.udp}) and writes its payload through exactly one
 * write path. The payload is a word; the sink writes {@code received-<word>.txt} into the sandbox when it
 * arrives, which is the action's effect. Both policies of the matrix grant the connect to 127.0.0.2; the
 * denying one sets {@code outbound_bytes: 0B}, so there the write itself must be what is refused, by a
 * budget: a denial for any other reason is reported as an error, not as this hook's denial.
 */
public final class BudgetActions {
    /** The file whose bytes the sendfile action sends; the parent creates it, the denying policy lets it be read. */
    public static final String SENDFILE_SOURCE = "budget-source.txt";
    /** What the sendfile action's source file holds (the sink turns it into its marker). */
    public static final String SENDFILE_WORD = "sendfile";

    private static final int WAIT_MILLIS = 10_000;

    private BudgetActions() {}

    /** The marker the sink writes (in the sandbox) when {@code word} reached it. */
    public static String marker(String word) {
        return "received-" + word + ".txt";
    }

    static void register(Map<String, HookActions.Spec> actions) {
        tcp(actions, "sun.nio.ch.NioSocketImpl#write([BII)", "stream", (socket, word) -> {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(word));
            out.flush();
        });
        tcp(actions, "sun.nio.ch.NioSocketImpl#sendUrgentData(I)", "u", (socket, word) -> socket.sendUrgentData('u'));
        channel(actions, "sun.nio.ch.SocketChannelImpl#write(Ljava/nio/ByteBuffer;)", "channel",
                (ch, word) -> writeFully(ch, ByteBuffer.wrap(ascii(word))));
        channel(actions, "sun.nio.ch.SocketChannelImpl#write([Ljava/nio/ByteBuffer;II)", "gathering", (ch, word) -> {
            ByteBuffer[] parts = {ByteBuffer.wrap(ascii("gather")), ByteBuffer.wrap(ascii("ing"))};
            while (parts[1].hasRemaining()) {
                ch.write(parts, 0, 2);
            }
        });
        channel(actions, "sun.nio.ch.SocketChannelImpl#blockingWriteFully([BII)", "adaptor",
                (ch, word) -> ch.socket().getOutputStream().write(ascii(word)));
        channel(actions, "sun.nio.ch.SocketChannelImpl#sendOutOfBandData(B)", "o",
                (ch, word) -> ch.socket().sendUrgentData('o'));
        datagram(actions, "sun.nio.ch.DatagramChannelImpl#send(Ljava/nio/ByteBuffer;Ljava/net/SocketAddress;)",
                "datagram-send", false, (dc, sink, word) -> dc.send(ByteBuffer.wrap(ascii(word)), sink));
        datagram(actions, "sun.nio.ch.DatagramChannelImpl#write(Ljava/nio/ByteBuffer;)", "datagram-write", true,
                (dc, sink, word) -> dc.write(ByteBuffer.wrap(ascii(word))));
        datagram(actions, "sun.nio.ch.DatagramChannelImpl#write([Ljava/nio/ByteBuffer;II)", "datagram-gather", true,
                (dc, sink, word) -> dc.write(new ByteBuffer[] {ByteBuffer.wrap(ascii("datagram-")),
                        ByteBuffer.wrap(ascii("gather"))}, 0, 2));
        actions.put("sun.nio.ch.AsynchronousSocketChannelImpl#write(ZLjava/nio/ByteBuffer;[Ljava/nio/ByteBuffer;JLjava/util/concurrent/TimeUnit;Ljava/lang/Object;Ljava/nio/channels/CompletionHandler;)",
                new HookActions.Spec("budget", marker("async"), s -> budgetOnly(() -> asyncWrite("async"))));
        HookActions.Action sendfile = s -> budgetOnly(() -> sendfile(s));
        actions.put("sun.nio.ch.FileChannelImpl#transferToDirectlyInternal(JILjava/nio/channels/WritableByteChannel;Ljava/io/FileDescriptor;)",
                new HookActions.Spec("budget", marker(SENDFILE_WORD), sendfile));
        actions.put("sun.nio.ch.FileChannelImpl#transferToDirectInternal(JILjava/nio/channels/WritableByteChannel;)",
                new HookActions.Spec("budget", marker(SENDFILE_WORD), sendfile));
    }

    private interface SocketWrite {
        void write(Socket socket, String word) throws IOException;
    }

    private interface ChannelWrite {
        void write(SocketChannel channel, String word) throws IOException;
    }

    private interface DatagramWrite {
        void write(DatagramChannel channel, InetSocketAddress sink, String word) throws IOException;
    }

    private interface Body {
        String run() throws Exception;
    }

    private static void tcp(Map<String, HookActions.Spec> actions, String id, String word, SocketWrite write) {
        actions.put(id, new HookActions.Spec("budget", marker(word), s -> budgetOnly(() -> {
            try (Socket socket = new Socket(sinkAddress(), Integer.getInteger("ag.budget.tcp"))) {
                write.write(socket, word);
                socket.shutdownOutput();
                awaitClose(socket.getInputStream());
                return "sent " + word + " to the sink";
            }
        })));
    }

    private static void channel(Map<String, HookActions.Spec> actions, String id, String word, ChannelWrite write) {
        actions.put(id, new HookActions.Spec("budget", marker(word), s -> budgetOnly(() -> {
            try (SocketChannel channel = SocketChannel.open(tcpSink())) {
                write.write(channel, word);
                channel.shutdownOutput();
                awaitClose(channel.socket().getInputStream());
                return "sent " + word + " to the sink";
            }
        })));
    }

    private static void datagram(Map<String, HookActions.Spec> actions, String id, String word, boolean connect,
                                 DatagramWrite write) {
        actions.put(id, new HookActions.Spec("budget", marker(word), s -> budgetOnly(() -> {
            InetSocketAddress sink = new InetSocketAddress(sinkAddress(), Integer.getInteger("ag.budget.udp"));
            try (DatagramChannel channel = DatagramChannel.open()) {
                if (connect) {
                    channel.connect(sink);
                }
                write.write(channel, sink, word);
                // The sink acknowledges after it wrote its marker; without the acknowledgement this is an error.
                channel.socket().setSoTimeout(WAIT_MILLIS);
                try {
                    channel.socket().receive(new DatagramPacket(new byte[16], 16));
                } catch (SocketTimeoutException e) {
                    throw new IllegalStateException("the sink did not acknowledge the datagram " + word);
                }
                return "sent datagram " + word + " to the sink";
            }
        })));
    }

    private static String asyncWrite(String word) throws Exception {
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            channel.connect(tcpSink()).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            ByteBuffer payload = ByteBuffer.wrap(ascii(word));
            while (payload.hasRemaining()) {
                channel.write(payload).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            channel.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(64);
            while (channel.read(in).get(WAIT_MILLIS, TimeUnit.MILLISECONDS) >= 0) {
                in.clear();
            }
            return "sent " + word + " to the sink";
        }
    }

    private static String sendfile(Sandbox s) throws IOException {
        try (FileChannel file = FileChannel.open(s.file(SENDFILE_SOURCE), StandardOpenOption.READ);
             SocketChannel channel = SocketChannel.open(tcpSink())) {
            long size = file.size();
            long position = 0;
            while (position < size) {
                position += file.transferTo(position, size - position, channel);
            }
            channel.shutdownOutput();
            awaitClose(channel.socket().getInputStream());
            return "sent " + size + " bytes of " + SENDFILE_SOURCE + " by transferTo";
        }
    }

    /**
     * Runs {@code body}; a guard denial that is not a byte budget's is turned into a plain error, so only the
     * budget counts as this hook's denial.
     */
    private static String budgetOnly(Body body) throws Exception {
        try {
            return body.run();
        } catch (Exception e) {
            Throwable guard = HookActions.guardCause(e);
            if (guard != null && !String.valueOf(guard.getMessage()).contains("(rule budgets.outbound_bytes")) {
                throw new IllegalStateException("denied, but not by the byte budget: " + guard.getMessage());
            }
            throw e;
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Waits until the sink closes the connection: it has written its marker then. */
    private static void awaitClose(InputStream in) throws IOException {
        byte[] buffer = new byte[64];
        while (in.read(buffer) >= 0) {
            // nothing is expected; the sink only closes
        }
    }

    private static InetAddress sinkAddress() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    }

    private static InetSocketAddress tcpSink() throws IOException {
        return new InetSocketAddress(sinkAddress(), Integer.getInteger("ag.budget.tcp"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
