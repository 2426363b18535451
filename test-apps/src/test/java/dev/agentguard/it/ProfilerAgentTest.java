package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jvm.agents} (issue 12): a profiler agent loaded after start-up with {@code JVMTI.agent_load}
 * through the DiagnosticCommand MBean, a Java agent jar and a native agent library built here with the C
 * compiler. Granted files in a read-only folder load (their markers appear) in both modes, and the guard's
 * hooks still check after the Java agent retransformed a hooked class. Denied, in both modes, with no
 * marker: a granted file the program could replace (a files.write grant covers it), a granted path that is
 * a link into such a folder, a file the OS lets this user write, a wrong sha256, a path the program made
 * (a link to the granted jar), a path HotSpot would read differently (two spaces, a quote), and a granted
 * jar whose Agent-Class resolves to a class of the same name on the class path.
 */
class ProfilerAgentTest {
    @TempDir
    Path root;
    private Path tools;


    /** Gives the read-only folder back its write bit, so the temporary directory can be removed. */
    @AfterEach
    void writable() throws Exception {
        if (tools != null && Files.exists(tools)) {
            Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("dev.agentguard.it.FileMetadataEffectsTest#modes")
    void onlyAGrantedUnchangeableAgentLoads(int jdk, String mode) throws Exception {
        Path base = root.toRealPath();
        Path work = Files.createDirectories(base.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        tools = Files.createDirectories(base.resolve("tools"));
        Path loose = Files.createDirectories(base.resolve("loose"));
        Path secret = base.resolve("secret.txt");
        Files.writeString(secret, "profiler-secret\n");

        Path jar = TestJars.write(tools.resolve("profiler.jar"), Map.of("Agent-Class",
                "dev.agentguard.apps.attacks.ProfilerAgent", "Can-Retransform-Classes", "true"),
                List.of("dev.agentguard.apps.attacks.ProfilerAgent"));
        Path lib = nativeAgent(tools.resolve("libprofiler.so"));
        Path pinned = Files.copy(lib, tools.resolve("libpinned.so"));
        Files.createSymbolicLink(tools.resolve("via-link.so"), out.resolve("evil.so"));
        Files.copy(lib, out.resolve("evil.so"));
        Path writableJar = Files.copy(jar, out.resolve("profiler.jar"));
        Path looseLib = Files.copy(lib, loose.resolve("libloose.so"));
        Files.createSymbolicLink(out.resolve("link.jar"), jar);
        for (Path p : List.of(jar, lib, pinned)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path app = TestJars.write(base.resolve("app.jar"), Map.of(), List.of("dev.agentguard.apps.attacks.ProfilerApp"));

        Path audit = work.resolve("audit.jsonl");
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n", "version: 1", "mode: " + mode, "audit:", "  file: " + audit,
                "  allowed: all",
                "files:",
                "  read: [\"${workdir}/**\", \"" + jar + "\"]",
                "  write: [\"${workdir}/out/**\"]",
                "jvm:",
                "  agents:",
                "    - " + jar,
                "    - path: " + lib,
                "      sha256: " + sha256(lib),
                "    - path: " + pinned,
                "      sha256: " + "0".repeat(64),
                "    - " + tools.resolve("via-link.so"),
                "    - " + writableJar,
                "    - " + looseLib,
                ""), StandardCharsets.UTF_8);

        Path javaMarker = out.resolve("java-agent-ran");
        Path nativeMarker = out.resolve("native-agent-ran");
        List<String> denied = List.of(
                writableJar + "|" + out.resolve("m-writable"),
                tools.resolve("via-link.so") + "|" + out.resolve("m-via-link"),
                looseLib + "|" + out.resolve("m-loose"),
                pinned + "|" + out.resolve("m-pinned"),
                out.resolve("link.jar") + "|" + out.resolve("m-link"),
                " " + jar + "|" + out.resolve("m-space"),
                "\"" + jar + "\"|" + out.resolve("m-quote"));
        List<String> args = new ArrayList<>(List.of(secret.toString()));
        args.addAll(denied);
        args.add(jar + "|" + javaMarker);
        args.add(lib + "|" + nativeMarker);
        ChildJvm.Result run = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).classPath(app.toString())
                .run("dev.agentguard.apps.attacks.ProfilerApp", args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String line : denied) {
            assertThat(run.lines()).as(run.toString()).anyMatch(l -> l.startsWith("LOAD " + line + " denied agentguard: denied jvm diagnostic"));
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("m-")).toList())
                    .as(run.toString()).isEmpty();
        }
        assertThat(javaMarker).as(run.toString()).exists();
        assertThat(nativeMarker).as(run.toString()).exists();
        // The granted Java agent retransformed FileInputStream: the hook is still in.
        if (mode.equals("enforce")) {
            assertThat(run.lines()).as(run.toString()).anyMatch(l -> l.startsWith("READ denied agentguard: denied file"));
        } else {
            assertThat(run.lines()).as(run.toString()).contains("READ ok profiler-secret");
        }
        AuditLogFile log = AuditLogFile.read(audit);
        assertThat(log.has("deny", "jvm", "JVMTI.agent_load " + writableJar)).isTrue();
        assertThat(log.has("allow", "guard", "dev.agentguard.apps.attacks.ProfilerAgent")).as(log.records().toString()).isTrue();
        assertThat(log.has("allow", "jvm", "JVMTI.agent_load " + lib)).isTrue();
        assertThat(log.has(mode.equals("enforce") ? "deny" : "would_deny", "file", secret.toString()))
                .as(log.records().toString()).isTrue();

        // The same granted jar, with a class of the agent's name earlier on the class path: agentmain refused.
        Files.delete(javaMarker);
        Files.delete(audit);
        ChildJvm.Result shadowed = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.attacks.ProfilerApp", secret.toString(), jar + "|" + javaMarker);
        assertThat(shadowed.exitCode()).as(shadowed.toString()).isZero();
        assertThat(javaMarker).as(shadowed.toString()).doesNotExist();
        assertThat(AuditLogFile.read(audit).has("deny", "guard", "dev.agentguard.apps.attacks.ProfilerAgent"))
                .as(shadowed.toString()).isTrue();
    }

    /** A native agent: Agent_OnAttach writes the marker its options name. */
    private static Path nativeAgent(Path so) throws Exception {
        Path c = so.resolveSibling("agent.c");
        Files.writeString(c, String.join("\n",
                "#include <stdio.h>",
                "int Agent_OnAttach(void *vm, char *options, void *reserved) {",
                "  FILE *f = options == 0 ? 0 : fopen(options, \"w\");",
                "  if (f != 0) { fputs(\"native agent ran\\n\", f); fclose(f); }",
                "  return 0;",
                "}", ""));
        Process gcc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", so.toString(), c.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as(output).isZero();
        Files.delete(c);
        return so;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
