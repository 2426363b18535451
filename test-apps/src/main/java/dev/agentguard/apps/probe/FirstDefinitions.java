package dev.agentguard.apps.probe;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Uses hooked JDK classes that a hello-world JVM has not loaded when the guard starts (sockets, socket
 * channels, process start, java.io temp files), so that the JVM defines them only now, after {@code main}
 * began: their hooks must be woven at that first definition. Each line says what happened.
 *
 * <p>Arguments: a loopback port to connect to, and a file to open with {@code RandomAccessFile}.
 */
public final class FirstDefinitions {
    private FirstDefinitions() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            System.out.println("socket: connected");
        } catch (IOException | RuntimeException e) {
            System.out.println("socket: " + e.getClass().getSimpleName());
        }
        try (SocketChannel channel = SocketChannel.open()) {
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            System.out.println("channel: connected");
        } catch (IOException | RuntimeException e) {
            System.out.println("channel: " + e.getClass().getSimpleName());
        }
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            System.out.println("process: started");
        } catch (IOException | RuntimeException | InterruptedException e) {
            System.out.println("process: " + e.getClass().getSimpleName());
        }
        try (RandomAccessFile file = new RandomAccessFile(args[1], "r")) {
            System.out.println("file: read " + file.length());
        } catch (IOException | RuntimeException e) {
            System.out.println("file: " + e.getClass().getSimpleName());
        }
    }
}
