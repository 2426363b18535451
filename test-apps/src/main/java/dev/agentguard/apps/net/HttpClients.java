package dev.agentguard.apps.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One GET with each of the JDK's HTTP clients, the ways an application makes it, all without a proxy:
 * {@code HttpURLConnection} reading the body first ({@code BASE/urlconnection}, like {@code URL.openStream}),
 * {@code HttpURLConnection} asking for the status first ({@code BASE/urlconnection-status}), and
 * {@code java.net.http.HttpClient} ({@code BASE/httpclient}).
 *
 * <p>Usage: {@code HttpClients BASE_URL}. Prints one line per client: {@code CLIENT <name> ok <status> <body>};
 * {@code CLIENT <name> denied <exception class>: <message> | cause <class>: <message>} when the exception
 * thrown is a {@code SecurityException} carrying the guard's denial (in its message or its cause);
 * {@code CLIENT <name> denied-wrapped ...} when it is another exception whose cause is that (the JDK wrapped
 * it); {@code CLIENT <name> error <exception>} otherwise.
 */
public final class HttpClients {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpClients() {}

    /** A GET: returns the status and body, throws when it could not be made. */
    private interface Get {
        String run() throws Exception;
    }

    public static void main(String[] args) {
        String base = args[0];
        report("urlconnection", () -> viaUrlConnection(URI.create(base + "/urlconnection"), false));
        report("urlconnection-status", () -> viaUrlConnection(URI.create(base + "/urlconnection-status"), true));
        report("httpclient", () -> viaHttpClient(URI.create(base + "/httpclient")));
        System.out.flush();
        // HttpClient's selector thread must not keep the JVM up.
        System.exit(0);
    }

    /**
     * {@code statusFirst}: {@code getResponseCode()} makes the connection. It catches what the connect threw
     * and asks again, and the JDK then throws a remembered runtime exception wrapped in a new
     * {@code RuntimeException}.
     */
    private static String viaUrlConnection(URI uri, boolean statusFirst) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        try {
            int status = statusFirst ? connection.getResponseCode() : -1;
            try (InputStream in = connection.getInputStream()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return (statusFirst ? status : connection.getResponseCode()) + " " + body;
            }
        } finally {
            connection.disconnect();
        }
    }

    private static String viaHttpClient(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static void report(String name, Get get) {
        String outcome;
        try {
            outcome = "ok " + get.run();
        } catch (Throwable t) {
            if (isGuardDenial(t)) {
                outcome = "denied " + describe(t);
            } else if (t.getCause() != null && isGuardDenial(t.getCause())) {
                outcome = "denied-wrapped " + describe(t);
            } else {
                outcome = "error " + describe(t);
            }
        }
        System.out.println("CLIENT " + name + " " + outcome.replace('\n', ' ').replace('\r', ' '));
    }

    /** A SecurityException whose own message, or whose cause's, is the guard's denial. */
    private static boolean isGuardDenial(Throwable t) {
        if (!(t instanceof SecurityException)) {
            return false;
        }
        return names(t) || (t.getCause() != null && names(t.getCause()));
    }

    private static boolean names(Throwable t) {
        return String.valueOf(t.getMessage()).contains("agentguard: denied");
    }

    private static String describe(Throwable t) {
        String text = t.getClass().getName() + ": " + t.getMessage();
        Throwable cause = t.getCause();
        return cause == null ? text : text + " | cause " + cause.getClass().getName() + ": " + cause.getMessage();
    }
}
