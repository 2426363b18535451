package dev.agentguard.it;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * Everything the attacks may try to reach, held by the parent: the granted loopback port (a control: it
 * must see connections), the same port on another loopback address, another port on 127.0.0.1, a UDP
 * sink and a Unix socket. All but the first must see nothing.
 */
final class AttackListeners implements AutoCloseable {
    static final String DENIED_ADDRESS = "127.0.0.2";

    final LoopbackListener granted;
    final LoopbackListener deniedAddress;
    final LoopbackListener deniedPort;
    final UdpSink udp;
    final UnixSocketSink unix;

    AttackListeners(Path unixSocket) throws IOException {
        granted = new LoopbackListener();
        deniedAddress = new LoopbackListener(InetAddress.getByName(DENIED_ADDRESS), granted.port());
        deniedPort = new LoopbackListener();
        udp = new UdpSink(InetAddress.getByName(DENIED_ADDRESS));
        unix = new UnixSocketSink(unixSocket);
    }

    @Override
    public void close() throws IOException {
        granted.close();
        deniedAddress.close();
        deniedPort.close();
        udp.close();
        unix.close();
    }
}
