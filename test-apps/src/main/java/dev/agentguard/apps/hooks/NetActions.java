package dev.agentguard.apps.hooks;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/** Actions for the network hooks, against the test's own loopback listener. */
final class NetActions {
    private NetActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("sun.nio.ch.Net#connect(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)",
                new HookActions.Spec("network", null, s -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                                s.port()), 5000);
                        OutputStream out = socket.getOutputStream();
                        out.write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    return "connected to 127.0.0.1:" + s.port();
                }));
        HookActions.Action resolve = s -> "resolved to " + InetAddress.getByName("localhost").getHostAddress();
        actions.put("java.net.InetAddress#getAllByName0(Ljava/lang/String;Ljava/net/InetAddress;ZZ)",
                new HookActions.Spec("network", null, resolve));
        actions.put("java.net.InetAddress#getAllByName0(Ljava/lang/String;Z)", new HookActions.Spec("network", null, resolve));
    }
}
