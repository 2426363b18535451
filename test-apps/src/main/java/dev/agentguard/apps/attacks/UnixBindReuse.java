package dev.agentguard.apps.attacks;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binds, one after another, {@code COUNT} Unix domain sockets of the same last name in different folders
 * ({@code BASE/dN/s.sock}), each closed before the next: what an application that makes a socket per session
 * folder does. The guard binds through {@code /proc/self/fd/D/s.sock} and keeps each text for its name for
 * the JVM's life; with the same free descriptor numbers at each bind, the texts repeat. Prints
 * {@code BOUND N local=...} or {@code FAILED N ...} per bind.
 *
 * <p>Usage: {@code UnixBindReuse <base> <count>}.
 */
public final class UnixBindReuse {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(base.resolve("d" + i));
            Path name = folder.resolve("s.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(name));
                System.out.println("BOUND " + i + " local=" + server.getLocalAddress());
            } catch (Exception e) {
                System.out.println("FAILED " + i + " " + e);
            }
        }
        System.out.println("DONE");
    }
}
