package dev.agentguard.apps.attacks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Reaches an address no rule grants through a name that one does: a name-resolver provider on the class
 * path (JDK 18+, put there by the test) answers the granted name {@code -Dag.name} with 127.0.0.2, and the
 * policy grants {@code NAME:PORT}. Prints {@code ATTACK resolver-granted-name-elsewhere SUCCEEDED} when the connect
 * reached 127.0.0.2, {@code blocked} otherwise. Standalone (not in AttackSuite): the JDK takes a resolver
 * provider only when no hosts file is set, and the suite's JVMs set one. {@code -Dag.port} is the port.
 */
public final class ResolverAttack {
    static final String NAME = "resolver-granted-name-elsewhere";

    private ResolverAttack() {}

    public static void main(String[] args) {
        int port = Integer.getInteger("ag.port", -1);
        String name = System.getProperty("ag.name", "api.test");
        try (Socket socket = new Socket()) {
            // Looked up first: InetSocketAddress would swallow the reason of a failed lookup.
            socket.connect(new InetSocketAddress(InetAddress.getByName(name), port), 2000);
            InetAddress peer = socket.getInetAddress();
            boolean elsewhere = !peer.isLoopbackAddress() || peer.getAddress()[peer.getAddress().length - 1] != 1;
            System.out.println("ATTACK " + NAME + (elsewhere ? " SUCCEEDED reached " : " blocked reached only ")
                    + peer.getHostAddress());
        } catch (Exception e) {
            System.out.println("ATTACK " + NAME + " blocked " + AttackReport.who(e));
        }
        System.out.flush();
    }
}
