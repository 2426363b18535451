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
        LoopbackListener[] pair = samePortOnTwoAddresses();
        granted = pair[0];
        deniedAddress = pair[1];
        deniedPort = new LoopbackListener();
        udp = new UdpSink(InetAddress.getByName(DENIED_ADDRESS));
        unix = new UnixSocketSink(unixSocket);
    }

    /**
     * A listener on a free port of 127.0.0.1 and one on the same port of 127.0.0.2. The second port may be
     * taken (tests run side by side): then both are tried again on another port, a bounded number of times.
     */
    private static LoopbackListener[] samePortOnTwoAddresses() throws IOException {
        java.net.BindException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            LoopbackListener first = new LoopbackListener();
            try {
                return new LoopbackListener[] {first,
                        new LoopbackListener(InetAddress.getByName(DENIED_ADDRESS), first.port())};
            } catch (java.net.BindException e) {
                first.close();
                last = e;
            }
        }
        throw last;
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
