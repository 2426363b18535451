package dev.agentguard.apps.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * One guarded operation repeated in a bounded loop, timed, for the overhead benchmark
 * ({@code bench/run-overhead.sh}). Usage: {@code Workloads <workload> <iterations>}: unrecorded batches
 * for at least WARMUP_NANOS (and WARMUP_BATCHES), then BATCHES batches of {@code iterations} operations each; prints
 * {@code RESULT <workload> <median ns per operation over the batches>}. More pairs may follow: they run one
 * after the other in this JVM (the runner does that, because a guarded JVM takes seconds to start).
 *
 * <p>The files it reads are made by the runner in {@code data/} under the working directory (the
 * guard's {@code ${workdir}}): {@code data/small.txt} (4 KiB) and {@code data/dir} (a folder of 32
 * files). The variable read by {@code getenv} is {@link #VARIABLE}, set by the runner. Servers run on
 * 127.0.0.1 inside this JVM, on ports the system chooses.
 */
public final class Workloads {
    static final String VARIABLE = "AGENTGUARD_BENCH_VALUE";
    static final int WARMUP_BATCHES = 5;
    /**
     * Warm-up lasts at least this long (and WARMUP_BATCHES batches): on 2 cores the JIT compilers promote a
     * new workload's code, and the guard's checks in it, to optimized code only after one to three seconds,
     * and until then it runs profiled, several times slower. Measured shorter, the figures are the
     * compilers' backlog, not the operation (with 5 batches only, no agent's getenv measured 120-140 ns; it is
     * 23-36 ns once compiled).
     */
    static final long WARMUP_NANOS = 3_000_000_000L;
    static final int BATCHES = 11;

    /** Folds every result into one number so the JIT cannot drop the work. */
    private static long sink;

    private Workloads() {}

    /** One operation of a workload; {@link #close()} stops whatever the workload started. */
    interface Op extends AutoCloseable {
        void run() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: Workloads <workload> <iterations> [<workload> <iterations> ...]"
                    + "  (workloads: file-io file-nio dir-list tcp http getenv exec; realpath, a profiling aid)");
            System.exit(64);
        }
        System.out.println("SETTLED " + JitSettle.await());
        for (int i = 0; i < args.length; i += 2) {
            String workload = args[i];
            System.out.println("RESULT " + workload + " " + measure(workload, Integer.parseInt(args[i + 1])));
        }
        System.err.println("sink " + sink);
    }

    /** Median ns per operation of BATCHES batches of {@code iterations} operations, after the warm-up batches. */
    static long measure(String workload, int iterations) throws Exception {
        try (Op op = create(workload)) {
            long began = System.nanoTime();
            for (int b = 0; b < WARMUP_BATCHES || System.nanoTime() - began < WARMUP_NANOS; b++) {
                batch(op, iterations);
            }
            long[] nsPerOp = new long[BATCHES];
            for (int b = 0; b < BATCHES; b++) {
                nsPerOp[b] = batch(op, iterations);
            }
            Arrays.sort(nsPerOp);
            return nsPerOp[BATCHES / 2];
        }
    }

    private static long batch(Op op, int iterations) throws Exception {
        long began = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            op.run();
        }
        return (System.nanoTime() - began) / iterations;
    }

    static Op create(String workload) throws Exception {
        Path data = Path.of("data").toAbsolutePath();
        switch (workload) {
            case "file-io":
                return fileIo(data.resolve("small.txt").toString());
            case "file-nio":
                return fileNio(data.resolve("small.txt"));
            case "dir-list":
                return dirList(data.resolve("dir"));
            case "tcp":
                return tcp();
            case "http":
                return http();
            case "getenv":
                return () -> {
                    String value = System.getenv(VARIABLE);
                    sink += value == null ? -1 : value.length();
                };
            case "exec":
                return exec();
            case "realpath":
                // Not one of the runner's workloads: a profiling aid. Run without the agent, it times the
                // filesystem part of one guarded file check (PathForms.realForm calls Path.toRealPath).
                return realPath(data.resolve("small.txt"));
            default:
                throw new IllegalArgumentException("unknown workload " + workload);
        }
    }

    /** java.io: open, read to the end, close. */
    private static Op fileIo(String file) {
        byte[] buffer = new byte[8192];
        return () -> {
            try (InputStream in = new FileInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink += n;
                }
            }
        };
    }

    /** NIO: Files.newByteChannel, read to the end, close. */
    private static Op fileNio(Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        return () -> {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                buffer.clear();
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    sink += n;
                    buffer.clear();
                }
            }
        };
    }

    /** NIO: list a folder of 32 files. */
    private static Op dirList(Path dir) {
        return () -> {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    sink += entry.getNameCount();
                }
            }
        };
    }

    /** A fresh loopback TCP connection per operation: connect, write 64 bytes, close. */
    private static Op tcp() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        ServerSocket server = new ServerSocket(0, 200, loopback);
        Thread acceptor = new Thread(() -> drainConnections(server), "bench-tcp-server");
        acceptor.setDaemon(true);
        acceptor.start();
        InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());
        byte[] payload = new byte[64];
        return new Op() {
            @Override
            public void run() throws IOException {
                try (Socket socket = new Socket()) {
                    socket.connect(target, 5000);
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                }
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }

    private static void drainConnections(ServerSocket server) {
        byte[] buffer = new byte[256];
        while (!server.isClosed()) {
            try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink += n;
                }
            } catch (IOException closedOrReset) {
                // The server was closed at the end of the run, or a client reset its connection:
                // neither is a result, the client side measures and reports its own failures.
            }
        }
    }

    /** HttpClient GET of a 16-byte body from a com.sun.net.httpserver server in this JVM (keep-alive). */
    private static Op http() throws IOException {
        // Without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK:
        // about 40 ms per request on Linux, which would measure the kernel's timer and nothing else.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
        byte[] body = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).GET().build();
        return new Op() {
            @Override
            public void run() throws Exception {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                sink += response.body().length;
            }

            @Override
            public void close() {
                server.stop(0);
            }
        };
    }

    private static Op realPath(Path file) {
        return () -> sink += file.toRealPath().getNameCount();
    }

    /** Start /bin/true and wait for it. */
    private static Op exec() {
        ProcessBuilder builder = new ProcessBuilder("/bin/true").redirectErrorStream(true);
        return () -> {
            Process process = builder.start();
            process.getInputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("/bin/true did not finish in 30 s");
            }
            sink += process.exitValue();
        };
    }
}
