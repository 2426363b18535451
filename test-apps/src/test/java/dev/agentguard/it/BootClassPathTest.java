package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.bench.Hello;
import dev.agentguard.apps.lifecycle.SharedClassesApp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bridge reaches the boot class path through guard.jar's {@code Boot-Class-Path}, before the JVM is
 * live (docs/design/startup.md, "Bridge and CDS"), on JDK 17 and 25: nothing is printed at start,
 * class-data sharing still serves application and platform classes, and every way the boot class path can
 * end up holding some other bridge than this jar's stops the JVM before {@code main}.
 */
class BootClassPathTest {
    static final String POLICY = String.join("\n",
            "version: 1",
            "mode: enforce",
            "audit:",
            "  file: ${workdir}/audit.jsonl",
            "");
    static final String REFUSED = "agentguard: the JVM was not started (fail closed)";

    @TempDir
    Path temp;
    private Path work;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @BeforeEach
    void folders() throws Exception {
        work = Files.createDirectories(temp.toRealPath().resolve("work"));
        Files.writeString(work.resolve("p.yaml"), POLICY, StandardCharsets.UTF_8);
    }

    private ChildJvm guarded(int jdk) {
        return ChildJvm.on(jdk).agent("p.yaml").workdir(work);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aHelloWorldUnderTheGuardPrintsNothingOnStandardError(int jdk) throws Exception {
        ChildJvm.Result r = guarded(jdk).run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).isEqualTo("hello\n");
        assertThat(r.stderr()).as("no 'Sharing is only supported...' warning, nothing at all\n" + r).isEmpty();
    }

    /**
     * An archive of the application's classes, dumped with guard.jar on the boot class path (where the agent
     * puts it), serves the application class and a platform class under the guard. When the bridge was
     * appended at run time, the JVM disabled sharing for both loaders and loaded them from their files.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void classDataSharingServesApplicationAndPlatformClassesUnderTheGuard(int jdk) throws Exception {
        String app = SharedClassesApp.class.getName();
        Path jar = TestJars.write(work.resolve("app.jar"), Map.of(), List.of(app));
        Path classList = work.resolve("classes.lst");
        Path archive = work.resolve("app.jsa");
        ChildJvm.Result listed = ChildJvm.on(jdk).workdir(work).classPath(jar.toString())
                .option("-XX:DumpLoadedClassList=" + classList).run(app);
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(Files.readString(classList)).contains("java/sql/Timestamp", app.replace('.', '/'));
        ChildJvm.Result dumped = ChildJvm.on(jdk).workdir(work).classPath(jar.toString())
                .option("-Xshare:dump").option("-XX:SharedClassListFile=" + classList)
                .option("-XX:SharedArchiveFile=" + archive).option("-Xbootclasspath/a:" + ChildJvm.GUARD_JAR)
                .run(app);
        assertThat(dumped.exitCode()).as(dumped.toString()).isZero();
        assertThat(archive).exists();

        ChildJvm.Result r = guarded(jdk).classPath(jar.toString()).option("-XX:SharedArchiveFile=" + archive)
                .option("-Xshare:on").option("-Xlog:class+load:stdout").run(app);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString())
                .contains("hello platform")
                .containsPattern("\\] " + app.replace(".", "\\.") + " source: shared objects file")
                .containsPattern("\\] java\\.sql\\.Timestamp source: shared objects file")
                .doesNotContain("Sharing is only supported");
        assertThat(r.stderr()).as(r.toString()).isEmpty();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRenamedGuardJarStopsTheJvm(int jdk) throws Exception {
        Path renamed = Files.copy(ChildJvm.GUARD_JAR, work.resolve("agentguard-1.0.jar"));
        ChildJvm.Result r = guarded(jdk).agentJar(renamed).run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
        assertThat(r.stderr().lines()).as(r.toString()).containsExactly(
                "agentguard: guard.jar is not on the boot class path: its manifest (Boot-Class-Path: guard.jar)"
                        + " names the file guard.jar in the agent jar's own folder, and there is no such file"
                        + " there. Was the jar renamed? Keep the name guard.jar",
                REFUSED);
    }

    /** A renamed jar next to another guard.jar: the boot loader would run that other jar's guard. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRenamedGuardJarBesideAnotherGuardJarStopsTheJvm(int jdk) throws Exception {
        Path renamed = Files.copy(ChildJvm.GUARD_JAR, work.resolve("agentguard-1.0.jar"));
        Path other = Files.copy(ChildJvm.GUARD_JAR, work.resolve("guard.jar"));
        ChildJvm.Result r = guarded(jdk).agentJar(renamed).run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
        assertThat(r.stderr()).as(r.toString()).contains("loads the guard from " + other + ", not from the agent jar "
                + renamed).endsWith(REFUSED + "\n");
    }

    /** A whole copy of guard.jar earlier on the boot class path: the guard would run from the copy. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCopyOfGuardJarEarlierOnTheBootClassPathStopsTheJvm(int jdk) throws Exception {
        Path copy = Files.copy(ChildJvm.GUARD_JAR, Files.createDirectories(work.resolve("copy")).resolve("guard.jar"));
        ChildJvm.Result r = guarded(jdk).option("-Xbootclasspath/a:" + copy).run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
        assertThat(r.stderr()).as(r.toString()).contains("loads the guard from " + copy + ", not from the agent jar "
                + ChildJvm.GUARD_JAR).endsWith(REFUSED + "\n");
    }

    /** Only the bridge classes, earlier on the boot class path: advice in the JDK would call them. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aSecondCopyOfTheBridgeEarlierOnTheBootClassPathStopsTheJvm(int jdk) throws Exception {
        Path bridge = bridgeJar(work.resolve("bridge.jar"));
        ChildJvm.Result r = guarded(jdk).option("-Xbootclasspath/a:" + bridge).run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
        assertThat(r.stderr()).as(r.toString()).containsPattern("the boot class path finds the bridge class "
                + "dev/agentguard/bootstrap/\\S+\\.class in jar:file:" + bridge + " before " + ChildJvm.GUARD_JAR)
                .endsWith(REFUSED + "\n");
    }

    /** A jar holding only the bridge's classes, copied from guard.jar (also used by BootClassPathAttackTest). */
    static Path bridgeJar(Path bridge) throws java.io.IOException {
        try (JarFile guard = new JarFile(ChildJvm.GUARD_JAR.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridge))) {
            Enumeration<JarEntry> entries = guard.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("dev/agentguard/bootstrap/") && !entry.isDirectory()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = guard.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bridge;
    }
}
