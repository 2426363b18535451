package dev.agentguard.apps.attacks;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sends datagrams to a UDP port that nothing grants (the parent's sink on the denied address): unconnected
 * DatagramSocket.send, DatagramChannel.send, and connect-then-send. A send that completes is a success;
 * the parent also counts the datagrams that arrived.
 */
public final class UdpExfilAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("UdpExfilAttack", new UdpExfilAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        InetSocketAddress sink = new InetSocketAddress(t.deniedAddress(), t.udpPort());
        byte[] data = ("UDP-EXFIL-" + t.canary()).getBytes(StandardCharsets.US_ASCII);
        report.mustThrow("udp-datagramsocket-send", () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(data, data.length, sink));
            }
        }, "a datagram was sent to " + sink);
        report.mustThrow("udp-datagramchannel-send", () -> {
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.send(ByteBuffer.wrap(data), sink);
            }
        }, "a datagram was sent to " + sink);
        report.mustThrow("udp-datagramsocket-connect-send", () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(sink);
                s.send(new DatagramPacket(data, data.length));
            }
        }, "a datagram was sent to " + sink);
    }
}
