package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hooked JDK classes that the JVM has not loaded when the guard starts are not retransformed: their class files are
 * woven ahead, and the install defines them through the transformer, which hands over the woven bytes
 * (docs/design/startup.md, "Third round"). Their hooks must deny from the application's first use. The effect is
 * checked from outside: the listener saw no connection, and the audit log has the denials.
 */
class LazyHookTest {
    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void classesNotLoadedAtStartAreDefinedWovenAndDeny(int jdk) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path key = Files.createDirectories(home.resolve(".ssh")).resolve("id_rsa");
        Files.writeString(key, "not a key");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", "  deny: [\"${home}/.ssh/**\"]", ""));
        try (LoopbackListener listener = new LoopbackListener()) {
            Path classLog = work.resolve("classes.log");
            ChildJvm.Result r = run(jdk, policy, work, home, listener, key, "-Xlog:class+load:file=" + classLog);
            assertDenied(r, listener, work);
            List<String> socketImpl = Files.readAllLines(classLog).stream()
                    .filter(l -> l.contains(" sun.nio.ch.NioSocketImpl ")).toList();
            assertThat(socketImpl).as("NioSocketImpl is defined once (at the install, through the transformer), not retransformed")
                    .hasSize(1).allSatisfy(l -> assertThat(l).doesNotContain("__VM_RedefineClasses__"));
        }
    }

    /**
     * Each hooked class is woven once at start: a class woven ahead that the guard's own start then loaded before the
     * install was retransformed and woven a second time (HookInstaller.LOADED_BY_THE_START). The counts are the
     * ones {@code -Dagentguard.timing=true} prints.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void eachHookedClassIsWovenOnceAtStart(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path policy = Files.writeString(work.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", ""));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .option("-Dagentguard.timing=true").run("dev.agentguard.apps.bench.Hello");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        int hooked = count(r, "hooked classes");
        assertThat(hooked).as(r.toString()).isGreaterThan(30);
        assertThat(count(r, "weaves")).as("weaves at start, for %d hooked classes\n%s", hooked, r).isEqualTo(hooked);
    }

    private static int count(ChildJvm.Result r, String what) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("timing\\s+" + what + "\\s+(\\d+)").matcher(r.stderr());
        assertThat(m.find()).as("'%s' in the timing output\n%s", what, r).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static ChildJvm.Result run(int jdk, Path policy, Path work, Path home, LoopbackListener listener,
                                       Path key, String... options) throws Exception {
        ChildJvm child = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).option("-Duser.home=" + home);
        for (String option : options) {
            child.option(option);
        }
        return child.run("dev.agentguard.apps.probe.FirstDefinitions", String.valueOf(listener.port()), key.toString());
    }

    private static void assertDenied(ChildJvm.Result r, LoopbackListener listener, Path work) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain("connected").doesNotContain("started")
                .doesNotContain("file: read").contains("socket: ").contains("channel: ").contains("process: ");
        assertThat(listener.connections()).as("the listener saw a connection\n%s", r).isZero();
        AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
        assertThat(audit.has("deny", "network", "127.0.0.1")).as(r.toString()).isTrue();
        assertThat(audit.has("deny", "process", "true")).as(r.toString()).isTrue();
        assertThat(audit.has("deny", "file", "id_rsa")).as(r.toString()).isTrue();
    }
}
