package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 attack on {@code ScriptWithoutInterpreter}: a granted file whose first bytes look like a {@code #!}
 * line or an ELF header, but which the kernel still refuses with {@code ENOEXEC}, is run by the JDK as
 * {@code /bin/sh FILE} just like a script without {@code #!}. Seen on this machine's kernel (6.18) with
 * {@code execv}: {@code "#!\n"} (no interpreter), {@code "#!"} and 300 blanks (no interpreter within the 256
 * bytes the kernel reads), {@code "#!/aaa..."} 300 long (a truncated interpreter name), {@code #!} naming an
 * interpreter that is itself a script without {@code #!}, and {@code "\x7fELF\n"} (not an executable ELF) all
 * give {@code ENOEXEC}. Granted only by its own name (no {@code /bin/sh} grant), none may run: checked from
 * outside by the markers their second lines leave. A real ELF program and a real script still run.
 */
class RefusedHeaderStartTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    private static final String[] REFUSED = {"emptybang", "blankbang", "longbang", "scriptinterp", "badelf"};

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aFileTheKernelRefusesIsDecidedAsTheShellStartWhateverItsFirstBytes(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Files.createDirectories(work.resolve("out"));
        Path tools = Files.createDirectories(work.resolve("tools"));
        Path markers = Files.createDirectories(root.resolve("markers"));
        script(tools.resolve("plain"), "true\n");
        script(tools.resolve("emptybang"), "#!\n" + touch(markers, "emptybang"));
        script(tools.resolve("blankbang"), "#!" + " ".repeat(300) + "\n" + touch(markers, "blankbang"));
        script(tools.resolve("longbang"), "#!/" + "a".repeat(300) + "\n" + touch(markers, "longbang"));
        script(tools.resolve("scriptinterp"), "#!" + tools.resolve("plain") + "\n" + touch(markers, "scriptinterp"));
        script(tools.resolve("badelf"), "\u007fELF\n" + touch(markers, "badelf"));
        script(tools.resolve("realscript"), "#!/bin/sh\n" + touch(markers, "realscript"));
        Files.copy(Path.of("/bin/true"), tools.resolve("realelf"));
        Files.setPosixFilePermissions(tools.resolve("realelf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder exec = new StringBuilder();
        for (String name : new String[] {"emptybang", "blankbang", "longbang", "scriptinterp", "badelf", "realscript",
                "realelf"}) {
            exec.append("    - [\"").append(tools.resolve(name)).append("\"]\n");
        }
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, "version: 1\nmode: enforce\naudit: {file: " + root.resolve("audit.jsonl") + "}\n"
                + "files:\n  read: [\"" + work + "/**\"]\n  write: [\"" + work.resolve("out") + "/**\"]\n"
                + "process:\n  exec:\n" + exec);
        String[] args = {work.toString(), "tool:emptybang", "tool:blankbang", "tool:longbang", "tool:scriptinterp",
                "tool:badelf", "tool:realscript", "tool:realelf"};
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(120)
                .run("dev.agentguard.apps.attacks.ProcessStartAttack", args);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (String name : REFUSED) {
            assertThat(markers.resolve(name + "-ran")).as(name + ": " + result).doesNotExist();
            assertThat(result.stdout()).as(result.toString()).contains("RESULT tool:" + name + " denied");
        }
        assertThat(result.stdout()).as(result.toString()).contains("RESULT tool:realscript ok 0")
                .contains("RESULT tool:realelf ok 0");
        assertThat(markers.resolve("realscript-ran")).as(result.toString()).exists();
    }

    private static String touch(Path markers, String name) {
        return "touch " + markers.resolve(name + "-ran") + "\n";
    }

    private static void script(Path file, String text) throws Exception {
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
