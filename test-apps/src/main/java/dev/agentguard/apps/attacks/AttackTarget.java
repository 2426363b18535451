package dev.agentguard.apps.attacks;

import java.nio.file.Path;

/**
 * What the parent test planted and listens on, passed as system properties: the work directory that the
 * policy grants, a HOME outside it with canary secrets, an "outside" directory that nothing grants, the
 * canary marker that every planted secret contains, and the listeners that must see nothing.
 */
public record AttackTarget(Path workdir, Path home, Path outside, String canary, int grantedPort,
                           String deniedAddress, int deniedPort, int udpPort, Path unixSocket, long victimPid,
                           String victimCanary, Path auditLog, Path policyFile) {

    static AttackTarget fromSystemProperties() {
        return new AttackTarget(
                Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home")),
                Path.of(required("ag.outside")),
                required("ag.canary"),
                Integer.parseInt(required("ag.port")),
                required("ag.deniedAddress"),
                Integer.parseInt(required("ag.deniedPort")),
                Integer.parseInt(required("ag.udpPort")),
                Path.of(required("ag.unixSocket")),
                Long.parseLong(System.getProperty("ag.victimPid", "-1")),
                System.getProperty("ag.victimCanary", ""),
                Path.of(required("ag.audit")),
                Path.of(required("ag.policy")));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("missing -D" + name);
        }
        return value;
    }

    public Path sshKey() {
        return home.resolve(".ssh/id_rsa");
    }

    public Path dotenv() {
        return workdir.resolve(".env");
    }

    public Path outsideSecret() {
        return outside.resolve("secret.txt");
    }

    /** A file outside every grant whose content must stay {@link #ORIGINAL}. */
    public Path outsideTarget() {
        return outside.resolve("target.txt");
    }

    /**
     * Where a file would appear if an attack created one outside the grants. The attack cannot look there
     * itself (the guard rightly hides it), so the parent test checks that this folder stays empty.
     */
    public Path outsideMarker(String name) {
        return outside.resolve("markers").resolve(name);
    }

    /** Where a program that must not run would leave its trace: inside the workdir, so the attack can look. */
    public Path execMarker(String name) {
        return workdir.resolve("markers").resolve(name);
    }

    public static final String ORIGINAL = "ORIGINAL";
}
