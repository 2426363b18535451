package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A running guarded program loses file and network access within one second of the killswitch file
 * appearing, in enforce and in audit mode, and gets it back when the file goes.
 */
class KillswitchTest {
    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, "enforce"));
            out.add(Arguments.of(jdk, "audit"));
        }
        return out;
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("cases")
    void theKillswitchCutsEverythingAndItsRemovalRestoresThePolicy(int jdk, String mode) throws Exception {
        Path stopDir = Files.createDirectories(dir.resolve("ks"));
        Path stop = stopDir.resolve("STOP");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("data.txt"), "data");
        Path audit = dir.resolve("audit.jsonl");
        try (LoopbackListener listener = new LoopbackListener()) {
            Path policy = dir.resolve("p.yaml");
            Files.writeString(policy, String.join("\n",
                    "version: 1",
                    "mode: " + mode,
                    "audit: {file: " + audit + "}",
                    "files: {read: [\"" + work + "/**\"]}",
                    "network: {connect: [\"127.0.0.1:" + listener.port() + "\"]}",
                    "killswitch: {file: " + stop + "}",
                    ""));
            List<String> command = List.of(Jdks.java(jdk).toString(), "-javaagent:" + ChildJvm.GUARD_JAR + "=" + policy,
                    "-cp", ChildJvm.APPS.toString(), "dev.agentguard.apps.budget.KillswitchProbe", work.toString(),
                    Integer.toString(listener.port()), "12");
            Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(waitFor(out, "file=ok net=ok")).isNotNull();
                long tripped = System.nanoTime();
                Files.writeString(stop, "stop");
                assertThat(waitFor(out, "file=denied net=denied")).as("denied after the file appeared").isNotNull();
                long tookMillis = (System.nanoTime() - tripped) / 1_000_000;
                assertThat(tookMillis).as("milliseconds until everything was denied").isLessThan(1000);
                Files.delete(stop);
                assertThat(waitFor(out, "file=ok net=ok")).as("restored after the file went").isNotNull();
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        AuditLogFile log = AuditLogFile.read(audit);
        assertThat(log.where("deny", "guard")).anyMatch(r -> r.path("op").asText().equals("killswitch-on"));
        assertThat(log.where("deny", "file")).anyMatch(r -> r.path("rule").asText().equals("killswitch"));
        assertThat(log.where("deny", "network")).anyMatch(r -> r.path("rule").asText().equals("killswitch"));
    }

    private static String waitFor(BufferedReader out, String state) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("STATE ") && line.endsWith(state)) {
                return line;
            }
        }
        return null;
    }
}
