package dev.agentguard.apps.attacks;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * Binds a Unix domain server socket to each name given (relative names against the working directory) and
 * prints {@code BOUND <name> local=<local address>}, {@code DENIED <name>} or {@code FAILED <name> <error>}:
 * what the application sees of a bind the guard pins ({@code UnixSocketSwapTest}).
 */
public final class UnixBindNames {
    private UnixBindNames() {}

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(name));
                System.out.println("BOUND " + name + " local=" + server.getLocalAddress());
            } catch (SecurityException e) {
                System.out.println("DENIED " + name);
            } catch (java.io.IOException e) {
                System.out.println("FAILED " + name + " " + e);
            }
        }
    }
}
