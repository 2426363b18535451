package dev.agentguard.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Unix domain server socket of the test JVM (not under the guard) for the child's Unix connect action:
 * the child cannot make its own under a policy that denies binds. Each connection that reaches it is
 * recorded by writing {@code marker}, then closed, which tells the child the record exists.
 *
 * <p>Its daemon thread waits for connections until the test JVM exits: a denied connect never comes.
 */
final class UnixSocketServer {
    private UnixSocketServer() {}

    static void start(Path socket, Path marker) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(() -> acceptLoop(server, marker), "unix-server-" + socket.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void acceptLoop(ServerSocketChannel server, Path marker) {
        try (server) {
            while (true) {
                try (SocketChannel connection = server.accept()) {
                    Files.writeString(marker, "accepted\n");
                }
            }
        } catch (IOException e) {
            // The server went away (its sandbox was deleted): nothing more to accept.
        }
    }
}
