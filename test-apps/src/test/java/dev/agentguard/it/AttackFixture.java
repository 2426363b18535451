package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The world an attack runs in: a work directory (granted), a HOME outside it with a canary SSH key, a
 * canary {@code .env} in the work directory (denied), an outside directory that nothing grants (a secret,
 * a file that must keep its content, a fake {@code echo}, a copy of zlib), links planted in the work
 * directory the way a cloned repository can carry them, a hosts file for the child JVM (so no lookup ever
 * reaches a real resolver), and the two policies: a realistic agent policy, and the same plus the program
 * {@code env} for the child-environment attack.
 */
final class AttackFixture {
    static final String ZLIB = "/usr/lib/x86_64-linux-gnu/libz.so.1";

    final Path root;
    final Path work;
    final Path home;
    final Path outside;
    final Path hosts;
    final Path unixSocket;
    final String canary;

    private AttackFixture(Path root) {
        this.root = root;
        this.work = root.resolve("work");
        this.home = root.resolve("home");
        this.outside = root.resolve("outside");
        this.hosts = root.resolve("hosts");
        // Kept short: a Unix socket path must fit in 108 bytes.
        this.unixSocket = outside.resolve("docker.sock");
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        this.canary = "canary" + HexFormat.of().formatHex(nonce);
    }

    static AttackFixture plant(Path tempDir) throws IOException {
        AttackFixture f = new AttackFixture(tempDir.toRealPath());
        f.plantFiles();
        f.plantLinks();
        f.writeHosts();
        return f;
    }

    private void plantFiles() throws IOException {
        for (Path dir : new Path[] {work.resolve("sub"), work.resolve("markers"), work.resolve("planted"),
                work.resolve("run"), home.resolve(".ssh"), outside.resolve("markers"), outside.resolve("deep"),
                outside.resolve("bin"), outside.resolve("lib")}) {
            Files.createDirectories(dir);
        }
        restore();
        write(work.resolve("granted.txt"), "granted\n");
        Path fakeEcho = outside.resolve("bin/echo");
        write(fakeEcho, "#!/bin/sh\ntouch \"" + work.resolve("markers") + "/fake-echo-$1\"\n");
        Files.setPosixFilePermissions(fakeEcho, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path zlib = Path.of(ZLIB);
        assertThat(zlib).as("the native attacks need zlib").exists();
        Files.copy(zlib, outside.resolve("lib/libevil.so"));
        Files.copy(zlib, work.resolve("planted/libcopy.so"));
    }

    /**
     * Puts the secrets and the write target back and clears the traces and the audit log, so that each
     * child JVM starts from the same state (call after checking the previous run's effects).
     */
    void restore() throws IOException {
        write(sshKey(), "-----BEGIN OPENSSH PRIVATE KEY-----\nssh-" + canary + "\n-----END OPENSSH PRIVATE KEY-----\n");
        write(dotenv(), "OPENAI_API_KEY=sk-dotenv-" + canary + "\n");
        write(outsideSecret(), "outside-" + canary + "\n");
        write(outsideTarget(), "ORIGINAL");
        for (Path dir : new Path[] {outside.resolve("markers"), work.resolve("markers")}) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(auditLog());
    }

    private void plantLinks() throws IOException {
        Path planted = work.resolve("planted");
        Files.createSymbolicLink(planted.resolve("ssh-link"), sshKey());
        Files.createSymbolicLink(planted.resolve("home-link"), home);
        Files.createSymbolicLink(planted.resolve("outside-link"), outsideSecret());
        Files.createSymbolicLink(planted.resolve("deep-link"), outside.resolve("deep"));
        Files.createSymbolicLink(planted.resolve("dangling"), outside.resolve("markers/through-dangling"));
        Files.createSymbolicLink(planted.resolve("target-link"), outsideTarget());
        Files.createSymbolicLink(planted.resolve("environ-link"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(planted.resolve("echo"), Path.of("/bin/sh"));
        Files.createSymbolicLink(planted.resolve("dotenv-link"), Path.of("../.env"));
        Files.createSymbolicLink(planted.resolve("libz-link.so"), outside.resolve("lib/libevil.so"));
        Files.createSymbolicLink(work.resolve("run/evil.sock"), unixSocket);
    }

    private void writeHosts() throws IOException {
        write(hosts, String.join("\n",
                "127.0.0.1 localhost",
                "203.0.113.9 exfil-" + canary + ".attacker.example",
                "203.0.113.7 ptr-answer.test",
                "2001:db8::c0de ptr-answer6.test",
                "169.254.169.254 metadata.test",
                "fd00:ec2::254 metadata6.test",
                "100.100.100.200 alibaba.test",
                "64:ff9b::a9fe:a9fe nat64.test",
                ""));
    }

    Path sshKey() {
        return home.resolve(".ssh/id_rsa");
    }

    Path dotenv() {
        return work.resolve(".env");
    }

    Path outsideSecret() {
        return outside.resolve("secret.txt");
    }

    Path outsideTarget() {
        return outside.resolve("target.txt");
    }

    Path auditLog() {
        return work.resolve("agentguard-audit.jsonl");
    }

    Path policy(String name) {
        return work.resolve("agentguard-" + name + ".yaml");
    }

    String openAiKey() {
        return "sk-" + canary + "abcdefghijklmnop";
    }

    /**
     * A realistic agent policy: the work directory read and write except the usual secrets, {@code echo}
     * (also inside {@code sh -c} scripts: {@code process.shell: decompose}),
     * one loopback port (by address and by name), a Unix socket folder, env PATH and HOME, and the
     * JVM's hosts file. The metadata
     * names are granted on purpose: the metadata rule must deny them anyway. With {@code childEnv}, also
     * the program {@code env} and the strip-listed variables JAVA_TOOL_OPTIONS and BASH_ENV.
     */
    Path writePolicy(String name, int port, boolean childEnv) throws IOException {
        String yaml = String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit:",
                "  file: " + auditLog(),
                "  allowed: none",
                "files:",
                // The JDK reads the hosts file for every lookup; it is not in the baseline (only /etc/hosts is).
                "  read: [\"${workdir}/**\", \"" + hosts + "\"]",
                "  write: [\"${workdir}/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\", \"**/*.pem\"]",
                "process:",
                // sh -c scripts of echo commands run; ExecAttack's and ShellScriptAttack's shells must not.
                "  shell: decompose",
                "  exec:",
                "    - [\"echo\", \"**\"]",
                childEnv ? "    - [\"env\"]" : "",
                "network:",
                "  connect: [\"127.0.0.1:" + port + "\", \"localhost:" + port + "\", \"metadata.test:80\","
                        + " \"metadata6.test:80\", \"alibaba.test:80\", \"nat64.test:80\", \"unix:${workdir}/run/*.sock\"]",
                "  resolve: [\"ptr-answer.test\", \"ptr-answer6.test\"]",
                "env:",
                "  read: [\"PATH\", \"HOME\"" + (childEnv ? ", \"JAVA_TOOL_OPTIONS\", \"BASH_ENV\"" : "") + "]",
                "");
        Path policy = policy(name);
        write(policy, yaml);
        return policy;
    }

    /** The guarded child JVM, with the canaries in its environment and the targets as system properties. */
    ChildJvm child(int jdk, Path policy, AttackListeners listeners, long victimPid, String victimCanary) {
        return ChildJvm.on(jdk).agent(policy.toString())
                .workdir(work)
                .env("HOME", home.toString())
                .env("OPENAI_API_KEY", openAiKey())
                .option("-Duser.home=" + home)
                .option("-Djdk.net.hosts.file=" + hosts)
                .option("-Djava.library.path=" + outside.resolve("lib"))
                .option("-Dag.outside=" + outside)
                .option("-Dag.canary=" + canary)
                .option("-Dag.port=" + listeners.granted.port())
                .option("-Dag.deniedAddress=" + AttackListeners.DENIED_ADDRESS)
                .option("-Dag.deniedPort=" + listeners.deniedPort.port())
                .option("-Dag.udpPort=" + listeners.udp.port())
                .option("-Dag.unixSocket=" + unixSocket)
                .option("-Dag.victimPid=" + victimPid)
                .option("-Dag.victimCanary=" + victimCanary)
                .option("-Dag.audit=" + auditLog())
                .option("-Dag.policy=" + policy);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
