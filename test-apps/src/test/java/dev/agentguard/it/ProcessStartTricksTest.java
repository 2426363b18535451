package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review, hole 5: process starts attacked by name ({@code ProcessStartAttack}). A program named
 * {@code /proc/self/fd/N} is decided as the file that descriptor is; a bare name is searched as the JDK
 * would (an empty {@code PATH} entry is the child's folder) and the program found is decided; a bare granted
 * name found first in a folder the application writes is another file and is not granted. Checked from
 * outside by the markers the programs leave. A script without {@code #!} is refused by the kernel
 * ({@code ENOEXEC}) and the JDK runs it as {@code /bin/sh SCRIPT ARGS}: it is decided as that start. Granted
 * only by its own name ({@code ["tools/plain"]}) it is denied, and no shell runs (before, it ran on JDK 17 and
 * 25); granted as {@code ["/bin/sh", "tools/shplain", "one"]} it runs, started as {@code tools/shplain one}.
 */
class ProcessStartTricksTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aStartRunsOnlyTheProgramDecided(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path tools = Files.createDirectories(work.resolve("tools"));
        Path markers = Files.createDirectories(root.resolve("markers"));
        script(tools.resolve("evil"), "#!/bin/sh\ntouch " + markers.resolve("evil-ran") + "\n");
        script(tools.resolve("ok"), "#!/bin/sh\ntouch " + markers.resolve("ok-ran") + "\n");
        script(out.resolve("ok"), "#!/bin/sh\ntouch " + markers.resolve("planted-ok-ran") + "\n");
        script(tools.resolve("plain"), "touch " + markers.resolve("plain-ran") + "\n");
        script(tools.resolve("shplain"), "touch " + markers.resolve("shplain-ran-$1") + "\n");
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                "process:",
                "  exec:",
                "    - [\"" + tools.resolve("ok") + "\"]",
                "    - [\"" + tools.resolve("plain") + "\"]",
                "    - [\"/bin/sh\", \"" + tools.resolve("shplain") + "\", \"one\"]",
                ""));
        // An empty entry first: the JDK searches the child's folder before the rest.
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .env("PATH", ":" + tools + ":/usr/bin:/bin")
                .run("dev.agentguard.apps.attacks.ProcessStartAttack", work.toString(), "procfd-evil", "procfd-ok",
                        "cwd-path-evil", "argv0-ok", "noexec-plain", "noexec-shgranted");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString())
                .contains("RESULT procfd-evil denied")
                .contains("RESULT cwd-path-evil denied")
                .contains("RESULT argv0-ok denied")
                .contains("RESULT noexec-plain denied")
                .contains("RESULT noexec-shgranted ok 0")
                // Named by a descriptor, the granted file is still not the written name "ok": either answer is safe.
                .containsPattern("RESULT procfd-ok (denied|ok 0)");
        assertThat(markers.resolve("evil-ran")).as(result.toString()).doesNotExist();
        assertThat(markers.resolve("planted-ok-ran")).as(result.toString()).doesNotExist();
        // The JDK hands a script without #! to /bin/sh: only a grant of that shell start runs it.
        assertThat(markers.resolve("plain-ran")).as(result.toString()).doesNotExist();
        assertThat(markers.resolve("shplain-ran-one")).as(result.toString()).exists();
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
