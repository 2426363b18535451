package dev.agentguard.apps.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one child JVM of the benchmark is started: which JDK, and with the guard (enforce or audit), the
 * Security Manager, or nothing. {@code auditLog} is the guard's audit log, checked after every run for
 * denials (a denied call would measure a failure, not the overhead); null without the guard.
 */
record JvmSetup(String label, Jdk jdk, List<String> jvmArgs, Path auditLog) {

    /** A JDK: its major version, home and version string (from its {@code release} file). */
    record Jdk(int feature, Path home, String version) {
        Path java() {
            return home.resolve("bin/java");
        }
    }

    static final String NONE = "no agent";
    static final String ENFORCE = "guard enforce";
    static final String AUDIT = "guard audit";
    static final String SECURITY_MANAGER = "Security Manager";

    static JvmSetup none(Jdk jdk) {
        return new JvmSetup(NONE, jdk, List.of(), null);
    }

    static JvmSetup guard(Jdk jdk, String mode, Path guardJar, Path policy, Path workDir) {
        Path auditLog = workDir.resolve("audit-" + jdk.feature() + "-" + mode + ".jsonl");
        List<String> args = new ArrayList<>();
        args.add("-javaagent:" + guardJar + "=policy=" + policy + ",mode=" + mode + ",audit=" + auditLog);
        return new JvmSetup(mode.equals("enforce") ? ENFORCE : AUDIT, jdk, List.copyOf(args), auditLog);
    }

    /** JDK 17's Security Manager under a policy granting what bench/policy.yaml grants; "==" means only that file. */
    static JvmSetup securityManager(Jdk jdk, Path javaPolicy, Path workDir) {
        return new JvmSetup(SECURITY_MANAGER, jdk, List.of("-Djava.security.manager",
                "-Djava.security.policy==" + javaPolicy, "-Dbench.dir=" + workDir), null);
    }

    String key() {
        return "JDK " + jdk.feature() + " " + label;
    }
}
