package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POLICY.md section 11, outbound bytes: under {@code outbound_bytes: 64KiB} a program streaming 5000-byte
 * chunks through each write path gets 13 chunks (65000 bytes) out and the 14th refused whole; the receiver
 * gets exactly what the program was told it sent, never more than 64 KiB, and the audit log names the
 * budget. A per-host budget stops one host while another is still served, and {@code java.net.http}
 * posting a large body is cut at the budget. JDK 17 and 25, enforce mode.
 */
class ByteBudgetTest {
    private static final long BUDGET = 64 * 1024;
    private static final long FITS = 13 * 5000;

    @TempDir
    Path dir;

    static Stream<Arguments> paths() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            for (String path : List.of("socket", "channel", "gathering", "adaptor", "async", "transfer-to",
                    "datagram-socket", "datagram-send", "datagram-write")) {
                out.add(Arguments.of(jdk, path));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("paths")
    void eachWritePathStopsAtTheTotalBudget(int jdk, String path) throws Exception {
        Path source = dir.resolve("source.bin");
        Files.write(source, new byte[200_000]);
        Path audit = dir.resolve("audit.jsonl");
        Path policy = policy(audit, "[\"127.0.0.1:*\"]", List.of(source), "  outbound_bytes: 64KiB");
        boolean udp = path.startsWith("datagram");
        try (LoopbackListener tcp = new LoopbackListener(); UdpByteCounter datagrams = new UdpByteCounter()) {
            int port = udp ? datagrams.port() : tcp.port();
            LongSupplier received = udp ? datagrams::bytes : tcp::bytes;
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                    .option("-Dag.source=" + source)
                    .run("dev.agentguard.apps.budget.ByteStreamer", path, "127.0.0.1", String.valueOf(port), "1000000");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("STREAM sent=" + FITS)
                    .contains("DENIED agentguard: denied network ").contains("(rule budgets.outbound_bytes)")
                    .contains("cannot take this write of 5000 bytes");
            assertThat(settle(received)).as("bytes that reached the receiver").isEqualTo(FITS).isLessThanOrEqualTo(BUDGET);
            List<JsonNode> denials = AuditLogFile.read(audit).where("deny", "budget");
            assertThat(denials).as("the refused chunk, recorded once").hasSize(1);
            JsonNode denial = denials.get(0);
            assertThat(denial.path("rule").asText()).isEqualTo("budgets.outbound_bytes");
            assertThat(denial.path("bytes").asLong()).isEqualTo(5000);
            // The sendfile hook itself refused the transfer (not a fallback through the channel's write).
            String op = switch (path) {
                case "transfer-to" -> "sendfile";
                case "datagram-socket", "datagram-send" -> "send";
                default -> "write";
            };
            assertThat(denial.path("op").asText()).as(denial.toString()).isEqualTo(op);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aPerHostBudgetStopsOneHostWhileAnotherIsServed(int jdk) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 one.test\n127.0.0.2 two.test\n");
        Path audit = dir.resolve("audit.jsonl");
        Path policy = policy(audit, "[\"one.test:*\", \"two.test:*\"]", List.of(hosts),
                "  outbound_bytes_per_host: {\"one.test\": 20KiB}");
        try (LoopbackListener one = new LoopbackListener();
             LoopbackListener two = new LoopbackListener(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 0)) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                    .option("-Djdk.net.hosts.file=" + hosts)
                    .run("dev.agentguard.apps.budget.ByteStreamer", "per-host", "one.test", String.valueOf(one.port()),
                            "two.test", String.valueOf(two.port()), "100000");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("FIRST sent=20000")
                    .contains("(rule budgets.outbound_bytes_per_host[one.test])").contains("SECOND sent=100000");
            assertThat(settle(one::bytes)).as("bytes to one.test").isEqualTo(20000);
            assertThat(settle(two::bytes)).as("bytes to two.test").isEqualTo(100000);
            List<JsonNode> denials = AuditLogFile.read(audit).where("deny", "budget");
            assertThat(denials).hasSize(1);
            assertThat(denials.get(0).path("target").asText()).startsWith("one.test");
        }
    }

    /** A local model server budgeted by its address (issue 15): the key is 127.0.0.1, the peer has no name. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aPerHostBudgetKeyedByAddressStopsThatAddress(int jdk) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path policy = policy(audit, "[\"127.0.0.1:*\", \"127.0.0.2:*\"]", List.of(),
                "  outbound_bytes_per_host: {\"127.0.0.1\": 20KiB, \"10.0.0.0/8\": 1KiB}");
        try (LoopbackListener one = new LoopbackListener();
             LoopbackListener two = new LoopbackListener(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 0)) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                    .run("dev.agentguard.apps.budget.ByteStreamer", "per-host", "127.0.0.1", String.valueOf(one.port()),
                            "127.0.0.2", String.valueOf(two.port()), "100000");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("FIRST sent=20000")
                    .contains("(rule budgets.outbound_bytes_per_host[127.0.0.1])").contains("SECOND sent=100000");
            assertThat(settle(one::bytes)).as("bytes to 127.0.0.1").isEqualTo(20000);
            assertThat(settle(two::bytes)).as("bytes to 127.0.0.2").isEqualTo(100000);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void httpClientPostingALargeBodyIsCutAtTheBudget(int jdk) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path policy = policy(audit, "[\"127.0.0.1:*\"]", List.of(), "  outbound_bytes: 64KiB");
        AtomicLong body = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/upload", exchange -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    body.addAndGet(n);
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException cut) {
                // The client stopped sending: what arrived is counted.
            } finally {
                exchange.close();
            }
        });
        server.start();
        try {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                    .run("dev.agentguard.apps.budget.ByteStreamer", "http", "127.0.0.1",
                            String.valueOf(server.getAddress().getPort()), String.valueOf(1 << 20));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("DENIED agentguard: denied network write")
                    .contains("(rule budgets.outbound_bytes)").doesNotContain("HTTP status=");
            long received = settle(body::get);
            assertThat(received).as("request body bytes that reached the server").isPositive().isLessThanOrEqualTo(BUDGET);
            assertThat(AuditLogFile.read(audit).where("deny", "budget")).isNotEmpty();
        } finally {
            server.stop(0);
        }
    }

    private Path policy(Path audit, String connect, List<Path> reads, String budgetLine) throws IOException {
        List<String> quoted = new ArrayList<>();
        for (Path p : reads) {
            quoted.add("\"" + p + "\"");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + audit + "}",
                "files: {read: " + quoted + "}",
                "network:",
                "  connect: " + connect,
                "budgets:",
                budgetLine,
                ""), StandardCharsets.UTF_8);
        return policy;
    }

    /** The count once it stopped changing (the receivers drain on their own threads). */
    private static long settle(LongSupplier count) throws InterruptedException {
        long last = -1;
        for (int quiet = 0; quiet < 5; ) {
            Thread.sleep(100);
            long now = count.getAsLong();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return last;
    }

    /** A UDP receiver on 127.0.0.1 that counts the payload bytes of the datagrams reaching it. */
    private static final class UdpByteCounter implements AutoCloseable {
        private final DatagramSocket socket;
        private final AtomicLong bytes = new AtomicLong();

        UdpByteCounter() throws IOException {
            socket = new DatagramSocket(0, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            socket.setReceiveBufferSize(1 << 20);
            Thread reader = new Thread(this::receiveLoop, "udp-byte-counter");
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        long bytes() {
            return bytes.get();
        }

        private void receiveLoop() {
            byte[] buffer = new byte[65536];
            while (true) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    bytes.addAndGet(packet.getLength());
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
