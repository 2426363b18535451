package dev.agentguard.apps.attacks;

import java.util.List;

/**
 * Reaches cloud metadata addresses. The policy grants, by name, hosts that the JVM's hosts file
 * ({@code -Djdk.net.hosts.file}) maps to 169.254.169.254, fd00:ec2::254, 100.100.100.200 and the NAT64
 * form of 169.254.169.254: the guard must deny the connect by its metadata rule anyway, before anything
 * is sent. Also the literal spellings of those addresses, which nothing grants. Only the guard's denial
 * counts as blocked: any other failure (a timeout) means the connect left the JVM.
 */
public final class MetadataAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("MetadataAttack", new MetadataAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        for (String name : List.of("metadata.test", "metadata6.test", "alibaba.test", "nat64.test")) {
            report.guardMustDeny("metadata-granted-name-" + name, () -> Connect.socket(name, 80),
                    "the connect to " + name + ":80 was attempted");
        }
        for (String literal : List.of("169.254.169.254", "2852039166", "169.254.43518", "[::ffff:169.254.169.254]",
                "[fd00:ec2::254]", "100.100.100.200")) {
            report.guardMustDeny("metadata-literal-" + literal, () -> Connect.socket(literal, 80),
                    "the connect to " + literal + ":80 was attempted");
        }
    }
}
