package dev.agentguard.apps.attacks;

import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URL;
import java.util.List;

/**
 * Connects to a denied address by other spellings of it. The policy grants 127.0.0.1:P and localhost:P;
 * the parent listens on 127.0.0.2:P (denied: another address, same port) and on 127.0.0.1:Q (denied:
 * another port). Spellings: 32-bit decimal, short forms, hex, octal, zero-padded, IPv4-mapped and
 * IPv4-compatible IPv6, bracketed, the any-address, and an InetAddress whose host name is forged to the
 * granted "localhost". A connect that completes is a success of the attack; the parent also counts the
 * connections that reached its listeners.
 */
public final class NumericAddressAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("NumericAddressAttack", new NumericAddressAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        int p = t.grantedPort();
        int q = t.deniedPort();
        String direct = connects("127.0.0.1", p);
        report.control("net-granted-127.0.0.1", direct == null, "127.0.0.1:" + p + " " + direct);
        String byName = connects("localhost", p);
        report.control("net-granted-localhost", byName == null, "localhost:" + p + " " + byName);
        List<String> otherAddress = List.of(t.deniedAddress(), "2130706434", "127.2", "127.0.2", "0x7f.0.0.2",
                "0x7f000002", "0177.0.0.2", "127.000.000.002", "::ffff:127.0.0.2", "[::ffff:127.0.0.2]",
                "[::ffff:7f00:2]", "0:0:0:0:0:ffff:7f00:2", "[::127.0.0.2]");
        for (String host : otherAddress) {
            report.mustThrow("connect-other-address-" + host, () -> Connect.socket(host, p),
                    "connected to " + host + ":" + p);
        }
        report.mustThrow("connect-other-address-channel", () -> Connect.channel(t.deniedAddress(), p),
                "SocketChannel connected to " + t.deniedAddress() + ":" + p);
        report.mustThrow("connect-other-address-forged-name-localhost", () -> Connect.socket(
                InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 2}), p),
                "connected to 127.0.0.2 under the forged name localhost");
        report.mustThrow("connect-other-address-forged-name-literal", () -> Connect.socket(
                InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 2}), p),
                "connected to 127.0.0.2 under the forged name 127.0.0.1");
        report.mustThrow("connect-other-address-http-url", () -> {
            HttpURLConnection c = (HttpURLConnection) new URL("http://2130706434:" + p + "/x").openConnection();
            c.setConnectTimeout(Connect.TIMEOUT_MS);
            c.setReadTimeout(Connect.TIMEOUT_MS);
            c.connect();
        }, "HttpURLConnection connected to 127.0.0.2:" + p);
        List<String> otherPort = List.of("127.0.0.1", "2130706433", "127.1", "localhost", "0.0.0.0", "0",
                "[::ffff:127.0.0.1]", "[::]");
        for (String host : otherPort) {
            report.mustThrow("connect-other-port-" + host, () -> Connect.socket(host, q),
                    "connected to " + host + ":" + q);
        }
        report.mustThrow("connect-other-port-channel-any", () -> Connect.channel("0.0.0.0", q),
                "SocketChannel connected to 0.0.0.0:" + q);
    }

    /** Null when the connect worked, else why not. */
    private static String connects(String host, int port) {
        try {
            Connect.socket(host, port);
            return null;
        } catch (Exception e) {
            return AttackReport.who(e);
        }
    }
}
