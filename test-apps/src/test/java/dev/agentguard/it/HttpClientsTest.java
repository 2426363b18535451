package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's two HTTP clients under the guard in enforce mode, against a loopback HTTP server of this
 * test: {@code HttpURLConnection} and {@code java.net.http.HttpClient} (which connects on its own threads)
 * both get through when {@code network.connect} grants the server's address and port, and are both
 * stopped before any request reaches the server when nothing grants it. How the denial reaches the
 * caller is pinned too: HttpClient rethrows the guard's exception as a plain {@code SecurityException}
 * with ours as the cause, and {@code HttpURLConnection.getResponseCode()} wraps it in a
 * {@code RuntimeException} (the JDK's handling of a remembered runtime exception), while
 * {@code getInputStream()} throws ours as it is.
 */
class HttpClientsTest {
    private static final String BODY = "hello from the test server";

    @TempDir
    Path root;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, true));
            out.add(Arguments.of(jdk, false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, connect granted: {1}")
    @MethodSource("matrix")
    void httpClientsAreAllowedOrDeniedByNetworkConnect(int jdk, boolean granted) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            Path audit = root.resolve("audit.jsonl");
            Path policy = writePolicy(audit, granted ? "  connect: [\"127.0.0.1:" + server.port() + "\"]" : null);
            ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(root)
                    .run("dev.agentguard.apps.net.HttpClients", "http://127.0.0.1:" + server.port());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            Map<String, String> outcomes = outcomes(result);
            assertThat(outcomes).as(result.toString())
                    .containsOnlyKeys("urlconnection", "urlconnection-status", "httpclient");
            if (granted) {
                for (String client : outcomes.keySet()) {
                    assertThat(outcomes.get(client)).as(client + "\n" + result).isEqualTo("ok 200 " + BODY);
                    assertThat(server.requests("/" + client)).as("requests from " + client).isEqualTo(1);
                }
                assertThat(AuditLogFile.read(audit).where("deny", "network")).as("no network denials").isEmpty();
            } else {
                for (String client : outcomes.keySet()) {
                    assertThat(outcomes.get(client)).as(client + "\n" + result)
                            .contains("agentguard: denied network connect 127.0.0.1:" + server.port());
                }
                assertThat(outcomes.get("urlconnection")).as("the guard's exception itself")
                        .startsWith("denied dev.agentguard.bootstrap.GuardDeniedException: ");
                // getResponseCode() asks twice; the JDK wraps the remembered exception the second time.
                assertThat(outcomes.get("urlconnection-status")).as("wrapped by HttpURLConnection")
                        .startsWith("denied-wrapped java.lang.RuntimeException: ")
                        .contains("| cause dev.agentguard.bootstrap.GuardDeniedException: ");
                assertThat(outcomes.get("httpclient")).as("HttpClient.send rethrows as a plain SecurityException")
                        .startsWith("denied java.lang.SecurityException: ")
                        .contains("| cause dev.agentguard.bootstrap.GuardDeniedException: ");
                assertThat(server.totalRequests()).as("requests that reached the server").isZero();
                assertThat(AuditLogFile.read(audit).has("deny", "network", "127.0.0.1:" + server.port()))
                        .as("deny records for the connects").isTrue();
            }
        }
    }

    private Path writePolicy(Path audit, String networkLine) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "version: 1",
                "mode: enforce",
                "audit:",
                "  file: " + audit,
                "  allowed: all"));
        if (networkLine != null) {
            lines.add("network:");
            lines.add(networkLine);
        }
        lines.add("");
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n", lines), StandardCharsets.UTF_8);
        return policy;
    }

    private static Map<String, String> outcomes(ChildJvm.Result result) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : result.lines()) {
            if (line.startsWith("CLIENT ")) {
                String rest = line.substring("CLIENT ".length());
                int space = rest.indexOf(' ');
                out.put(rest.substring(0, space), rest.substring(space + 1));
            }
        }
        return out;
    }

    /** An HTTP server on 127.0.0.1 that answers every GET with {@link #BODY} and counts requests per path. */
    private static final class LoopbackHttpServer implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

        LoopbackHttpServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        int requests(String path) {
            AtomicInteger n = requests.get(path);
            return n == null ? 0 : n.get();
        }

        int totalRequests() {
            return requests.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        private void handle(HttpExchange exchange) throws IOException {
            requests.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
