package dev.agentguard.apps.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * {@code RESULT <workload> <median ns per operation over the batches> <median thread CPU ns per operation>}. More pairs may follow: they run one
 * after the other in this JVM (the runner does that, because a guarded JVM takes seconds to start).
 *
 * <p>The files it reads are made by the runner in {@code data/} under the working directory (the
 * guard's {@code ${workdir}}): {@code data/small.txt} (4 KiB), the same file ten folders deeper
 * ({@link #DEEP}), {@code data/dir} (a folder of 32 files) and {@code data/hundred} (100 files). The
 * variable read by {@code getenv} is {@link #VARIABLE}, set by the runner. Servers run on 127.0.0.1 inside
 * this JVM, on ports the system chooses.
 */
public final class Workloads {
    static final String VARIABLE = "AGENTGUARD_BENCH_VALUE";
    /** The 4 KiB file, in data/ (2 components below the working directory) and at the end of {@link #DEEP}. */
    static final String SMALL = "small.txt";
    /** Ten folders below data/: the file in it is 12 components below the working directory. */
    static final String DEEP = "d1/d2/d3/d4/d5/d6/d7/d8/d9/d10";
    /** A folder in data/ the workloads may write in (attr-nio, attr-io, create-io). */
    static final String OUT = "out";
    /** A folder of 100 files in data/, for File.list. */
    static final String HUNDRED = "hundred";
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
    /** The first argument that asks for one early-life measurement ({@link #early}) instead. */
    static final String EARLY = "--early";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        if (args.length == 0 || args.length % 2 != 0 && !(args.length == 3 && args[0].equals(EARLY))) {
            System.err.println("usage: Workloads <workload> <iterations> [<workload> <iterations> ...]"
                    + " | Workloads --early <workload> <millis>"
                    + "  (workloads: file-io file-nio dir-list tcp http getenv exec io-d12 io-d12-rel readall-d12-rel readall-d2"
                    + " readall-d12 exists-size-d2 exists-size-d12 missing-d12 io-meta-d12 file-list attr-nio attr-io create-io; realpath, a profiling aid)");
            System.exit(64);
        }
        if (args[0].equals(EARLY)) {
            long[] result = early(args[1], Long.parseLong(args[2]));
            System.out.println("RESULT " + args[1] + " " + result[0] + " " + result[1]);
            System.err.println("sink " + sink);
            return;
        }
        System.out.println("SETTLED " + JitSettle.await());
        for (int i = 0; i < args.length; i += 2) {
            String workload = args[i];
            long[] result = measure(workload, Integer.parseInt(args[i + 1]));
            System.out.println("RESULT " + workload + " " + result[0] + " " + result[1]);
        }
        System.err.println("sink " + sink);
    }

    /**
     * Early life: the workload's operation back to back from the moment main starts, for {@code millis} ms, with
     * no wait for the JIT compilers and no warm-up; the mean ns per operation. A short-lived agent process lives
     * in this regime: profiled and interpreted code, the compilers competing for the cores.
     */
    static long[] early(String workload, long millis) throws Exception {
        try (Op op = create(workload)) {
            long beganCpu = THREADS.getCurrentThreadCpuTime();
            long began = System.nanoTime();
            long deadline = began + millis * 1_000_000L;
            long count = 0;
            long now;
            do {
                op.run();
                count++;
                now = System.nanoTime();
            } while (now < deadline);
            return new long[] {(now - began) / count, (THREADS.getCurrentThreadCpuTime() - beganCpu) / count};
        }
    }

    /**
     * Median ns per operation of BATCHES batches of {@code iterations} operations, after the warm-up batches: wall
     * clock, and this thread's CPU time (user and system), which a machine shared with other busy processes
     * disturbs far less, since the time the thread waits for a core is not in it.
     */
    static long[] measure(String workload, int iterations) throws Exception {
        try (Op op = create(workload)) {
            long began = System.nanoTime();
            for (int b = 0; b < WARMUP_BATCHES || System.nanoTime() - began < WARMUP_NANOS; b++) {
                batch(op, iterations);
            }
            long[] nsPerOp = new long[BATCHES];
            long[] cpuNsPerOp = new long[BATCHES];
            for (int b = 0; b < BATCHES; b++) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                nsPerOp[b] = batch(op, iterations);
                cpuNsPerOp[b] = (THREADS.getCurrentThreadCpuTime() - cpu) / iterations;
            }
            Arrays.sort(nsPerOp);
            Arrays.sort(cpuNsPerOp);
            return new long[] {nsPerOp[BATCHES / 2], cpuNsPerOp[BATCHES / 2]};
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
                return fileIo(data.resolve(SMALL).toString());
            case "file-nio":
                return fileNio(data.resolve(SMALL));
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
            case "io-d12":
                return fileIo(data.resolve(DEEP).resolve(SMALL).toString());
            case "io-d12-rel":
                return fileIo(Path.of("data").resolve(DEEP).resolve(SMALL).toString());
            case "readall-d12-rel":
                return readAll(Path.of("data").resolve(DEEP).resolve(SMALL));
            case "readall-d2":
                return readAll(data.resolve(SMALL));
            case "readall-d12":
                return readAll(data.resolve(DEEP).resolve(SMALL));
            case "exists-size-d2":
                return existsSize(data.resolve(SMALL));
            case "exists-size-d12":
                return existsSize(data.resolve(DEEP).resolve(SMALL));
            case "missing-d12":
                return missing(data.resolve(DEEP).resolve("missing.txt"));
            case "io-meta-d12":
                return ioMeta(new File(data.resolve(DEEP).resolve(SMALL).toString()));
            case "file-list":
                return fileList(new File(data.resolve(HUNDRED).toString()));
            case "attr-nio":
                return attrNio(data.resolve(OUT).resolve("attr.txt"));
            case "attr-io":
                return attrIo(new File(data.resolve(OUT).resolve("attr.txt").toString()));
            case "chmod-nio":
                return chmodNio(data.resolve(OUT).resolve("attr.txt"));
            case "create-io":
                return createIo(new File(data.resolve(OUT).resolve("new.txt").toString()));
            case "realpath":
                // Not one of the runner's workloads: a profiling aid. Run without the agent, it times the
                // filesystem part of one guarded file check (PathForms.realForm calls Path.toRealPath).
                return realPath(data.resolve(SMALL));
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

    /** NIO: Files.readAllBytes (open, size, read, close). */
    private static Op readAll(Path file) {
        return () -> sink += Files.readAllBytes(file).length;
    }

    /** NIO metadata: Files.exists, then Files.size (a stat each, and a guard check each). */
    private static Op existsSize(Path file) {
        return () -> {
            if (Files.exists(file)) {
                sink += Files.size(file);
            }
        };
    }

    /** NIO attribute write: Files.setLastModifiedTime (a view's setTimes, pinned by the guard: issue 13d). */
    private static Op attrNio(Path file) {
        long[] time = {1_000_000_000L};
        return () -> Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(time[0]++));
    }

    /** NIO mode change that follows links: Files.setPosixFilePermissions, two modes in turn (issue 13: on /proc/self/fd/L). */
    private static Op chmodNio(Path file) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> a =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> b =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        long[] turn = {0};
        return () -> Files.setPosixFilePermissions(file, (turn[0]++ & 1) == 0 ? a : b);
    }

    /** java.io attribute write: File.setLastModified (done by the guard on the pinned name: issue 13d). */
    private static Op attrIo(File file) {
        long[] time = {1_000_000_000L};
        return () -> sink += file.setLastModified(time[0]++) ? 1 : 2;
    }

    /** java.io create and delete: File.createNewFile then File.delete (both pinned). */
    private static Op createIo(File file) {
        return () -> {
            if (!file.createNewFile() || !file.delete()) {
                throw new IOException("create-io: " + file + " was not created and deleted");
            }
        };
    }

    /** NIO: Files.exists of a name that is not there (a build tool's probe for an optional file). */
    private static Op missing(Path file) {
        return () -> sink += Files.exists(file) ? 1 : 2;
    }

    /** java.io metadata: File.exists, isFile, length (a stat each, and a guard check each). */
    private static Op ioMeta(File file) {
        return () -> {
            if (file.exists() && file.isFile()) {
                sink += file.length();
            }
        };
    }

    /** java.io: File.list of a folder of 100 files. */
    private static Op fileList(File dir) {
        return () -> sink += dir.list().length;
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
