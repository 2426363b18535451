package dev.agentguard.apps.attacks;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Connects to a Unix domain socket outside the grants (the parent listens on it, like a Docker socket):
 * directly, and through a link that the parent planted at {@code workdir/run/evil.sock}, a path the
 * policy's {@code unix:${workdir}/run/*.sock} grant matches. A connect that completes is a success; the
 * parent also counts the connections its socket accepted.
 */
public final class UnixSocketAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("UnixSocketAttack", new UnixSocketAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        Path link = t.workdir().resolve("run/evil.sock");
        report.mustThrow("unix-connect-outside", () -> connect(t.unixSocket()), "connected to " + t.unixSocket());
        report.mustThrow("unix-connect-granted-name-link-to-outside", () -> connect(link),
                "connected through " + link + " to " + t.unixSocket());
        report.mustThrow("unix-connect-relative-link", () -> connect(Path.of("run/evil.sock")),
                "connected through run/evil.sock");
        report.mustThrow("unix-connect-proc-self-cwd-link", () -> connect(Path.of("/proc/self/cwd/run/evil.sock")),
                "connected through /proc/self/cwd/run/evil.sock");
    }

    private static void connect(Path path) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            Connect.send(ch);
        }
    }
}
