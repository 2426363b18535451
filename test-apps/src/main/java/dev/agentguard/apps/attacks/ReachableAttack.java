package dev.agentguard.apps.attacks;

import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * {@code InetAddress.isReachable}: an ICMP echo (as root) or a native TCP connect to port 7, to an address
 * no rule grants. Whether the echo left is the attack's effect: a call that returns (true or false) sent
 * it, whatever came back. Only the guard's denial counts as blocked.
 */
public final class ReachableAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("ReachableAttack", new ReachableAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        InetAddress denied = InetAddress.getByName(t.deniedAddress());
        report.guardMustDeny("reachable-denied-address", () -> denied.isReachable(300),
                "an echo went to " + t.deniedAddress());
        report.guardMustDeny("reachable-interface-ttl", () -> denied.isReachable(NetworkInterface.getByName("lo"), 4, 300),
                "an echo went to " + t.deniedAddress() + " through lo");
        report.guardMustDeny("reachable-ipv6-loopback", () -> InetAddress.getByName("::1").isReachable(300),
                "an echo went to ::1");
        report.guardMustDeny("reachable-metadata", () -> InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254,
                (byte) 169, (byte) 254}).isReachable(100), "an echo went to the metadata address");
    }
}
