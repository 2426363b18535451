package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.bench.Hello;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attack pass on the start path's agent-jar lookup (issue 16, attack3): {@code BootClassPath} finds the
 * {@code -javaagent} jar as the last copy of the guard the application loader sees. Agents given outside the
 * command line (the {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS} variables, an
 * {@code @argfile}, {@code -XX:VMOptionsFile}), a JDK tool's own arguments that look like agents, and a second
 * guard agent must still stop the JVM when the boot loader's guard is not the agent jar; and so must a path whose
 * bytes the platform encoding cannot decode, where two different files have the same name in Java. (Written
 * against a command-line scan of the agents, since reverted: the loader's search passes the same tests.)
 */
class BootClassPathAttackTest {
    private static final String POLICY = BootClassPathTest.POLICY;
    private static final String REFUSED = BootClassPathTest.REFUSED;

    @TempDir
    Path temp;
    private Path work;
    private Path copyDir;
    private Path renamed;
    private Path copy;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @BeforeEach
    void folders() throws Exception {
        work = Files.createDirectories(temp.toRealPath().resolve("work"));
        Files.writeString(work.resolve("p.yaml"), POLICY, StandardCharsets.UTF_8);
        copyDir = Files.createDirectories(work.resolve("copy"));
        // A renamed agent jar beside another guard.jar: the boot loader would run that other jar's guard.
        renamed = Files.copy(ChildJvm.GUARD_JAR, copyDir.resolve("agentguard-1.0.jar"));
        copy = Files.copy(ChildJvm.GUARD_JAR, copyDir.resolve("guard.jar"));
    }

    private ChildJvm unguarded(int jdk) {
        return ChildJvm.on(jdk).workdir(work);
    }

    private static void assertRefusedAsAnotherCopy(ChildJvm.Result r, Path bootJar, Path agentJar) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
        assertThat(r.stderr()).as(r.toString()).contains("loads the guard from " + bootJar + ", not from the agent jar "
                + agentJar).endsWith(REFUSED + "\n");
    }

    /** The three variables through which the launcher or the JVM adds options the command line does not show. */
    static List<Arguments> optionVariables() {
        List<Arguments> cases = new ArrayList<>();
        for (int jdk : Jdks.required()) {
            for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
                cases.add(Arguments.of(jdk, variable));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @MethodSource("optionVariables")
    void aRenamedAgentInAnOptionsVariableBesideAnotherGuardJarStopsTheJvm(int jdk, String variable) throws Exception {
        ChildJvm.Result r = unguarded(jdk).env(variable, "-javaagent:" + renamed + "=p.yaml")
                .run(Hello.class.getName());
        assertRefusedAsAnotherCopy(r, copy, renamed);
    }

    /** The scan stops at the {@code @argfile} (it looks like the main class) and finds no agent. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRenamedAgentInAnArgumentFileBesideAnotherGuardJarStopsTheJvm(int jdk) throws Exception {
        Files.writeString(work.resolve("args"), "-javaagent:" + renamed + "=p.yaml\n");
        ChildJvm.Result r = unguarded(jdk).option("@args").run(Hello.class.getName());
        assertRefusedAsAnotherCopy(r, copy, renamed);
    }

    /** HotSpot inserts a VM options file's options where the option stands; the scan does not read the file. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRenamedAgentInAVmOptionsFileBesideAnotherGuardJarStopsTheJvm(int jdk) throws Exception {
        Files.writeString(work.resolve("vm.options"), "-javaagent:" + renamed + "=p.yaml\n");
        ChildJvm.Result r = unguarded(jdk).option("-XX:VMOptionsFile=vm.options").run(Hello.class.getName());
        assertRefusedAsAnotherCopy(r, copy, renamed);
    }

    /** A copy on the boot class path from the environment, the agent on the command line (the scan sees it). */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCopyOnTheBootClassPathFromJavaToolOptionsStopsTheJvm(int jdk) throws Exception {
        ChildJvm.Result r = ChildJvm.on(jdk).agent("p.yaml").workdir(work)
                .env("JAVA_TOOL_OPTIONS", "-Xbootclasspath/a:" + copy).run(Hello.class.getName());
        assertRefusedAsAnotherCopy(r, copy, ChildJvm.GUARD_JAR);
    }

    /**
     * The copy as an agent on the command line, which the scan sees and finds to be the boot loader's jar, and
     * the real agent after it in a VM options file, which the scan misses: the second guard agent's premain
     * (or the JVM's append of its jar) stops the JVM; main never runs.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCopyAsAnEarlierAgentWithTheRealAgentInAVmOptionsFileDoesNotRunMain(int jdk) throws Exception {
        Files.writeString(work.resolve("vm.options"), "-javaagent:" + ChildJvm.GUARD_JAR + "=p.yaml\n");
        ChildJvm.Result r = unguarded(jdk).option("-javaagent:" + copy + "=p.yaml")
                .option("-XX:VMOptionsFile=vm.options").run(Hello.class.getName());
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).as(r.toString()).doesNotContain("hello");
    }

    /**
     * One of the JDK's other launchers ({@code javac}), which takes JVM options only as {@code -J...}: its own
     * arguments are not the JVM's, yet the command line scan read {@code -javaagent:copy/guard.jar}, a javac
     * argument, as an agent, found it to be the boot loader's jar and let the guard start from that jar beside
     * the renamed agent (javac's main ran and rejected the flag; the audit log has the start record).
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aToolArgumentThatLooksLikeAnAgentDoesNotHideARenamedAgent(int jdk) throws Exception {
        Path javac = Jdks.java(jdk).resolveSibling("javac");
        assertRefusedUnderJavac(javac.toString(), "-J-javaagent:" + renamed + "=p.yaml", "-javaagent:" + copy,
                "-version");
    }

    /**
     * The same, with {@code java.home} pointed at a folder whose {@code bin/java} is a link to javac (the rest
     * links to the runtime's own files): a check that the process is {@code java.home/bin/java} alone is fooled
     * ({@code -Djava.home} is honoured).
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aToolArgumentThatLooksLikeAnAgentDoesNotHideARenamedAgentWhateverJavaHomeSays(int jdk) throws Exception {
        Path javac = Jdks.java(jdk).resolveSibling("javac").toRealPath();
        Path fakeHome = work.resolve("fake-home");
        Files.createSymbolicLink(Files.createDirectories(fakeHome.resolve("bin")).resolve("java"), javac);
        try (java.util.stream.Stream<Path> entries = Files.list(javac.getParent().getParent())) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("bin")) {
                    Files.createSymbolicLink(fakeHome.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        assertRefusedUnderJavac(javac.toString(), "-J-Djava.home=" + fakeHome, "-J-javaagent:" + renamed + "=p.yaml",
                "-javaagent:" + copy, "-version");
    }

    private void assertRefusedUnderJavac(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Path out = work.resolve("out");
        Path err = work.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("javac did not finish in 120 s");
        }
        String seen = "exit " + p.exitValue() + "\n--- stdout\n" + Files.readString(out) + "\n--- stderr\n"
                + Files.readString(err);
        assertThat(seen).contains("loads the guard from " + copy + ", not from the agent jar " + renamed)
                .doesNotContain("invalid flag").endsWith(REFUSED + "\n");
        assertThat(work.resolve("audit.jsonl")).as(seen).doesNotExist();
    }

    /**
     * A file name with a byte the platform encoding (UTF-8 here) cannot decode: Java reads {@code x\xff} as
     * {@code x\uFFFD}, which names another folder ({@code x\xef\xbf\xbd}). With a copy of guard.jar in that
     * other folder, earlier on the boot class path, the JVM runs the copy, while the boot loader's resource
     * lookup, the command line's agent and the class path all name the copy in Java: every comparison found
     * the same file, and the guard started from a jar that is not the agent jar.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aCopyBehindAnUndecodableFolderNameStopsTheJvm(int jdk) throws Exception {
        String seen = runWithUndecodableNames(jdk, String.join("\n",
                "cp \"$GUARD\" \"$bad/guard.jar\"",
                "cp \"$GUARD\" \"$alias/guard.jar\"",
                "exec \"$JAVA\" \"-Xbootclasspath/a:$PWD/$alias/guard.jar\" \"-javaagent:$PWD/$bad/guard.jar=p.yaml\""
                        + " -cp \"$APPS\" " + Hello.class.getName()));
        assertThat(seen).startsWith("exit 2\n").doesNotContain("hello").contains("cannot be decoded")
                .endsWith(REFUSED + "\n");
    }

    /**
     * Only the bridge, in a jar in a folder whose name Java cannot decode, earlier on the boot class path: the
     * JVM would load the bridge from it, while the boot loader's resource lookup reads the entry as a folder
     * that is not there and finds every bridge class in guard.jar.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aBridgeBehindAnUndecodableFolderNameStopsTheJvm(int jdk) throws Exception {
        Path bridge = BootClassPathTest.bridgeJar(work.resolve("bridge.jar"));
        String seen = runWithUndecodableNames(jdk, String.join("\n",
                "mv bridge.jar \"$bad/bridge.jar\"",
                "exec \"$JAVA\" \"-Xbootclasspath/a:$PWD/$bad/bridge.jar\" \"-javaagent:$GUARD=p.yaml\""
                        + " -cp \"$APPS\" " + Hello.class.getName()));
        assertThat(seen).startsWith("exit 2\n").doesNotContain("hello").contains("cannot be decoded")
                .endsWith(REFUSED + "\n");
    }

    /**
     * The same bridge as class files in a folder (not a jar) whose name Java cannot decode: the JVM holds no
     * descriptor of a folder entry, so the open-file check does not see it, and the resource lookup reads the
     * entry as a folder that is not there. The JVM loads GuardBridge from that folder and main runs (JDK 17 and
     * 25, seen before this test was disabled).
     */
    @org.junit.jupiter.api.Disabled("attack3, not fixed: a boot class path folder with an undecodable name is seen"
            + " neither by the boot loader's resource lookup nor by the open-file check; closing it needs the JVM's"
            + " options as bytes from every source (command line, the three variables, @argfiles, VM options"
            + " files) or the JVM's own argument list (RuntimeMXBean, java.management at every start)")
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aBridgeFolderBehindAnUndecodableFolderNameStopsTheJvm(int jdk) throws Exception {
        Path classes = Files.createDirectories(work.resolve("bridge"));
        try (JarFile guard = new JarFile(ChildJvm.GUARD_JAR.toFile())) {
            Enumeration<JarEntry> entries = guard.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("dev/agentguard/bootstrap/") && !entry.isDirectory()) {
                    Path file = classes.resolve(entry.getName());
                    Files.createDirectories(file.getParent());
                    try (InputStream in = guard.getInputStream(entry)) {
                        Files.copy(in, file);
                    }
                }
            }
        }
        String seen = runWithUndecodableNames(jdk, String.join("\n",
                "mv bridge \"$bad/bridge\"",
                "exec \"$JAVA\" \"-Xbootclasspath/a:$PWD/$bad/bridge\" \"-javaagent:$GUARD=p.yaml\""
                        + " -cp \"$APPS\" " + Hello.class.getName()));
        assertThat(seen).startsWith("exit 2\n").doesNotContain("hello").endsWith(REFUSED + "\n");
    }

    /**
     * Runs {@code commands} in {@code sh} in the work folder, in a UTF-8 locale, after making the folders
     * {@code $bad} ("x" and the byte FF, which UTF-8 cannot decode) and {@code $alias} ("x" and the UTF-8 bytes of
     * U+FFFD, the name Java reads {@code $bad} as). A Java string cannot hold the first name's bytes, so the
     * command is built by the shell.
     */
    private String runWithUndecodableNames(int jdk, String commands) throws Exception {
        String script = String.join("\n",
                "set -e",
                "bad=$(printf 'x\\377')",
                "alias=$(printf 'x\\357\\277\\275')",
                "mkdir \"$bad\" \"$alias\"",
                commands);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(work.toFile());
        pb.environment().remove("LANG");
        pb.environment().remove("LANGUAGE");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("GUARD", ChildJvm.GUARD_JAR.toString());
        pb.environment().put("JAVA", Jdks.java(jdk).toString());
        pb.environment().put("APPS", ChildJvm.APPS.toString());
        Path out = work.resolve("out");
        Path err = work.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish in 120 s");
        }
        return "exit " + p.exitValue() + "\n--- stdout\n" + Files.readString(out, StandardCharsets.ISO_8859_1)
                + "\n--- stderr\n" + Files.readString(err, StandardCharsets.ISO_8859_1);
    }
}
