package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack pass (helper E): the guard's own threads are exempt from checks, so no code of the
 * application may ever run on them. {@code GuardThreadAttack} sets a default uncaught-exception handler,
 * starts a granted {@code echo} that outlives its time limit (its output fills a pipe nobody reads), and fills
 * the heap, so that the time-limit watcher's allocation at the deadline fails. Before the fix the
 * OutOfMemoryError ended the watcher, the JVM handed it to the application's default handler on the
 * watcher's own thread, and the handler read {@code ~/.ssh/id_rsa} unchecked (JDK 17 and 25). Checked from
 * outside: the file the handler writes what it read to.
 */
class GuardThreadTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noApplicationCodeRunsOnAGuardThread(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        String canary = "guard-thread-canary-" + System.nanoTime();
        Path key = home.resolve(".ssh/id_rsa");
        Files.writeString(key, "ssh-" + canary + "\n");
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\"]",
                "process:",
                "  timeout: 2s",
                "  exec:",
                "    - [\"echo\", \"**\"]",
                ""));
        Path leak = out.resolve("leak.txt");
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .env("HOME", home.toString())
                .option("-Duser.home=" + home)
                .option("-Xmx48m")
                .run("dev.agentguard.apps.attacks.GuardThreadAttack", key.toString(), leak.toString(), "12");

        assertThat(leak).as(result.toString()).doesNotExist();
        assertThat(result.stdout()).as(result.toString()).contains("HELD").doesNotContain("LEAKED")
                .doesNotContain(canary);
    }

    /**
     * A new thread copies its maker's inheritable thread-local values through the application's
     * {@code InheritableThreadLocal.childValue}. The guard made its time-limit watcher at the first start of a
     * program with a time limit, inside its check of that start, where the starting thread's calls are not
     * checked: before the fix the application's {@code childValue} read {@code ~/.ssh/id_rsa} there (JDK 17
     * and 25). The guard's threads now inherit no such values.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void makingAGuardThreadRunsNoApplicationCode(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        String canary = "inherited-canary-" + System.nanoTime();
        Path key = home.resolve(".ssh/id_rsa");
        Files.writeString(key, "ssh-" + canary + "\n");
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\"]",
                "process:",
                "  timeout: 10m",
                "  exec:",
                "    - [\"echo\", \"**\"]",
                ""));
        Path leak = out.resolve("leak.txt");
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .env("HOME", home.toString())
                .option("-Duser.home=" + home)
                .run("dev.agentguard.apps.attacks.InheritedLocalAttack", key.toString(), leak.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(leak).as(result.toString()).doesNotExist();
        assertThat(result.stdout()).as(result.toString()).contains("STARTED").doesNotContain("LEAKED")
                .doesNotContain(canary);
    }

    /**
     * JDK 18+: to name the resolver provider the JDK loaded, the guard listed the providers through the
     * thread's context class loader inside its check, where the thread's calls are not checked. The
     * application set that loader to its own class, whose {@code getResources} read {@code ~/.ssh/id_rsa}
     * there (JDK 25). The provider is the test's resolver jar; {@code network.resolver} does not grant it.
     */
    @org.junit.jupiter.api.Test
    void namingAResolverProviderRunsNoApplicationLoader() throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        String canary = "loader-canary-" + System.nanoTime();
        Path key = home.resolve(".ssh/id_rsa");
        Files.writeString(key, "ssh-" + canary + "\n");
        Path jar = ResolverProviderJar.build(Files.createDirectories(work.resolve("provider")));
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"${workdir}/**\"]",
                "  write: [\"${workdir}/out/**\"]",
                "  deny: [\"${home}/.ssh/**\", \"**/.env\"]",
                "network:",
                "  resolve: [\"localhost\"]",
                ""));
        Path leak = out.resolve("leak.txt");
        ChildJvm.Result result = ChildJvm.on(25).agent(policy.toString()).workdir(work).timeout(120)
                .env("HOME", home.toString())
                .option("-Duser.home=" + home)
                .run("dev.agentguard.apps.attacks.ResolverLoaderAttack", key.toString(), leak.toString(),
                        jar.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(leak).as(result.toString()).doesNotExist();
        assertThat(result.stdout()).as(result.toString()).contains("LOOKUP").doesNotContain("LEAKED")
                .doesNotContain(canary);
    }
}
