package dev.agentguard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 that records every request it receives, whole (request line, headers,
 * body), and answers each with what its responder returns. A responder that throws is answered with
 * 500 and its message, and the request is still recorded.
 */
final class RecordingHttpServer implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        /** Everything the client sent, as one text to search for secrets in. */
        String text() {
            return method + " " + uri + "\n" + headers + "\n" + body;
        }
    }

    /** What to answer. */
    record Reply(int status, String contentType, String body) {
        static Reply text(String body) {
            return new Reply(200, "text/plain", body);
        }

        static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new ArrayList<>();
    private final Function<Request, Reply> responder;

    RecordingHttpServer(Function<Request, Reply> responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** All requests as one text. */
    synchronized String receivedText() {
        StringBuilder out = new StringBuilder();
        for (Request r : requests) {
            out.append(r.text()).append('\n');
        }
        return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            synchronized (this) {
                requests.add(request);
            }
            Reply reply;
            try {
                reply = responder.apply(request);
            } catch (RuntimeException e) {
                reply = new Reply(500, "text/plain", "responder failed: " + e);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
