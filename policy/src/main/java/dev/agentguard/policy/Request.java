package dev.agentguard.policy;

import dev.agentguard.policy.net.IpAddresses;
import java.util.List;

/**
 * One guarded action written out in words, as {@code guard.jar explain} takes it:
 * {@code file read PATH}, {@code file write PATH}, {@code process exec ARGV...},
 * {@code network connect HOST:PORT|unix:PATH}, {@code network resolve HOST}, {@code network resolver CLASS},
 * {@code network listen ADDR:PORT|unix:PATH}, {@code env read NAME}, {@code native load NAME|PATH},
 * {@code jvm diagnostic COMMAND...|heap-dump PATH|set-flag NAME|jfr-start NAME}.
 */
public final class Request {
    private final Category category;
    private final String op;
    private final String target;
    private final List<String> argv;
    private final String host;
    private final byte[] address;
    private final int port;
    private final String unixPath;

    private Request(Category category, String op, String target, List<String> argv, String host, byte[] address,
                    int port, String unixPath) {
        this.category = category;
        this.op = op;
        this.target = target;
        this.argv = argv;
        this.host = host;
        this.address = address;
        this.port = port;
        this.unixPath = unixPath;
    }

    /**
     * Parses {@code CATEGORY OP TARGET...}; a leading {@code ~/} in a path means the home directory.
     *
     * @throws IllegalArgumentException with a message for the user when the request is not understood
     */
    public static Request parse(String category, String op, List<String> targets, PolicyContext context) {
        Category c = Category.fromWireName(category);
        if (c == null || c == Category.BUDGET || c == Category.GUARD) {
            throw new IllegalArgumentException("unknown category '" + category
                    + "' (expected: file, process, network, env, native, jvm)");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("missing target after '" + category + " " + op + "'");
        }
        String target = String.join(" ", targets);
        switch (c) {
            case FILE:
                expectOp(c, op, "read", "write");
                return new Request(c, op, home(target, context), List.of(), null, null, -1, null);
            case PROCESS:
                expectOp(c, op, "exec");
                return new Request(c, op, target, List.copyOf(targets), null, null, -1, null);
            case ENV:
                expectOp(c, op, "read");
                return new Request(c, op, target, List.of(), null, null, -1, null);
            case NATIVE:
                expectOp(c, op, "load");
                return new Request(c, op, home(target, context), List.of(), null, null, -1, null);
            case JVM:
                expectOp(c, op, "diagnostic", "heap-dump", "set-flag", "jfr-start");
                return new Request(c, op, op.equals("heap-dump") ? home(target, context) : target, List.of(), null,
                        null, -1, null);
            default:
                expectOp(c, op, "connect", "resolve", "listen", "resolver");
                return network(op, target, context);
        }
    }

    private static Request network(String op, String target, PolicyContext context) {
        if (op.equals("resolver")) {
            // A resolver provider's class name (JDK 18+ InetAddressResolverProvider).
            return new Request(Category.NETWORK, op, target, List.of(), null, null, -1, null);
        }
        if (target.startsWith("unix:")) {
            if (op.equals("resolve")) {
                throw new IllegalArgumentException("'network resolve' takes a host name, not " + target);
            }
            String path = home(target.substring(5), context);
            return new Request(Category.NETWORK, op, target, List.of(), null, null, -1, path);
        }
        if (op.equals("resolve")) {
            return new Request(Category.NETWORK, op, target, List.of(), target, null, -1, null);
        }
        String host;
        String portText;
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0 || close + 1 >= target.length() || target.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:PORT, not '" + target + "'");
            }
            host = target.substring(1, close);
            portText = target.substring(close + 2);
        } else {
            int colon = target.lastIndexOf(':');
            if (colon < 0 || target.indexOf(':') != colon) {
                throw new IllegalArgumentException("expected HOST:PORT (IPv6 as [ADDR]:PORT), not '" + target + "'");
            }
            host = target.substring(0, colon);
            portText = target.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port '" + portText + "' in '" + target + "' (0-65535)");
        }
        byte[] address = null;
        if (IpAddresses.isNumericSpelling(host) || host.indexOf(':') >= 0 || looksLikeIpv4(host)) {
            try {
                address = IpAddresses.parse(host);
            } catch (PatternException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        if (op.equals("listen") && address == null) {
            throw new IllegalArgumentException("'network listen' takes an IP address and port, not '" + target + "'");
        }
        return new Request(Category.NETWORK, op, target, List.of(), address == null ? host : null, address, port, null);
    }

    private static boolean looksLikeIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if ((ch < '0' || ch > '9') && ch != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }

    private static String home(String path, PolicyContext context) {
        if (path.equals("~")) {
            return context.home();
        }
        return path.startsWith("~/") ? context.home() + path.substring(1) : path;
    }

    private static void expectOp(Category category, String op, String... allowed) {
        for (String a : allowed) {
            if (a.equals(op)) {
                return;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + op + "' for " + category.wireName()
                + " (expected: " + String.join(", ", allowed) + ")");
    }

    public Category category() { return category; }
    public String op() { return op; }
    public String target() { return target; }
    /** For {@code process exec}: the argv, program first. */
    public List<String> argv() { return argv; }
    /** For network requests by name: the host name; null when the target is an address. */
    public String host() { return host; }
    /** For network requests by address: 4 or 16 bytes; null for a name. */
    public byte[] address() { return address == null ? null : address.clone(); }
    public int port() { return port; }
    /** For {@code unix:} targets: the socket path; null otherwise. */
    public String unixPath() { return unixPath; }
}
