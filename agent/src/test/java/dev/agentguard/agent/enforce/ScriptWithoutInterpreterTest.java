package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs the kernel refuses with ENOEXEC, so that the JDK runs them as {@code /bin/sh FILE ARGS}. */
class ScriptWithoutInterpreterTest {
    @TempDir
    Path tmp;

    @Test
    void aFileWithoutElfOrHashBangIsTheShellStart() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain"), "touch x\n");
        assertThat(ScriptWithoutInterpreter.shellArgv(plain.toString(), new String[] {"plain", "a", "b"}))
                .containsExactly("/bin/sh", plain.toString(), "a", "b");
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        assertThat(ScriptWithoutInterpreter.shellArgv(empty.toString(), new String[] {"empty"}))
                .containsExactly("/bin/sh", empty.toString());
        // One byte of a "#!" only: the kernel refuses it too.
        Path hash = Files.writeString(tmp.resolve("hash"), "#");
        assertThat(ScriptWithoutInterpreter.shellArgv(hash.toString(), new String[] {"hash"})).isNotNull();
    }

    @Test
    void anElfFileAHashBangScriptAndNoFileAreLeftToTheKernel() throws Exception {
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\ntouch x\n");
        assertThat(ScriptWithoutInterpreter.shellArgv(script.toString(), new String[] {"script"})).isNull();
        String elf = Path.of("/bin/ls").toRealPath().toString();
        assertThat(ScriptWithoutInterpreter.shellArgv(elf, new String[] {"ls"})).isNull();
        assertThat(ScriptWithoutInterpreter.shellArgv(tmp.toString(), new String[] {"dir"})).isNull();
        assertThat(ScriptWithoutInterpreter.shellArgv(tmp.resolve("missing").toString(), new String[] {"m"})).isNull();
    }

    @Test
    void aHashBangOrElfHeaderTheKernelStillRefusesIsTheShellStart() throws Exception {
        // Each of these gets ENOEXEC from execv on Linux 6.18 (binfmt_script's and binfmt_elf's own checks).
        String[] refused = {"#!\ntouch x\n", "#!" + " ".repeat(300) + "\ntouch x\n", "#!/" + "a".repeat(300) + "\n",
                "\u007fELF\ntouch x\n"};
        for (int i = 0; i < refused.length; i++) {
            Path f = Files.write(tmp.resolve("r" + i), refused[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(ScriptWithoutInterpreter.shellArgv(f.toString(), new String[] {"r"})).as(refused[i]).isNotNull();
        }
        Path plain = Files.writeString(tmp.resolve("plain"), "true\n");
        Path viaPlain = Files.writeString(tmp.resolve("viaplain"), "#!" + plain + "\ntouch x\n");
        assertThat(ScriptWithoutInterpreter.shellArgv(viaPlain.toString(), new String[] {"v"})).isNotNull();
        // A short file with no newline: the kernel's buffer is zeros after it, so the name ends there.
        Path noNewline = Files.writeString(tmp.resolve("nonl"), "#!/bin/sh");
        assertThat(ScriptWithoutInterpreter.shellArgv(noNewline.toString(), new String[] {"n"})).isNull();
        Path withArg = Files.writeString(tmp.resolve("witharg"), "#!  /bin/sh -e \ntrue\n");
        assertThat(ScriptWithoutInterpreter.shellArgv(withArg.toString(), new String[] {"w"})).isNull();
        // An ELF header of another machine or of an object file: the kernel refuses it.
        byte[] elf = Files.readAllBytes(Path.of("/bin/ls").toRealPath());
        byte[] head = java.util.Arrays.copyOf(elf, 256);
        head[16] = 1; // ET_REL
        assertThat(ElfHeader.runnable(head, head.length)).isFalse();
        head = java.util.Arrays.copyOf(elf, 256);
        assertThat(ElfHeader.runnable(head, head.length)).isTrue();
        head[18] = 40; // EM_ARM, on a 64-bit header
        head[19] = 0;
        assertThat(ElfHeader.runnable(head, head.length)).isFalse();
    }

    @Test
    void aRememberedHeadIsTheObjectsAndAnyWriteOfItIsReadAgain() throws Exception {
        ScriptWithoutInterpreter.Heads heads = new ScriptWithoutInterpreter.Heads(new KnownObjects());
        Path plain = Files.writeString(tmp.resolve("plain"), "touch x\n");
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\ntouch x\n");
        String[] argv = {"p"};
        // Written just now: its ctime cannot yet be told from a change in the same clock tick, so not remembered.
        assertThat(ScriptWithoutInterpreter.shellArgv(plain.toString(), argv, heads)).isNotNull();
        assertThat(heads.find(identity(heads, plain))).isEqualTo(ScriptWithoutInterpreter.Heads.UNKNOWN);
        Thread.sleep(KnownObjects.SETTLED_NANOS / 1_000_000L + 200);
        assertThat(ScriptWithoutInterpreter.shellArgv(plain.toString(), argv, heads)).isNotNull();
        assertThat(heads.find(identity(heads, plain))).isEqualTo(ScriptWithoutInterpreter.Heads.REFUSED);
        // A #! script's answer is its interpreter's too: worked out every time, never remembered.
        assertThat(ScriptWithoutInterpreter.shellArgv(script.toString(), argv, heads)).isNull();
        assertThat(heads.find(identity(heads, script))).isEqualTo(ScriptWithoutInterpreter.Heads.UNKNOWN);
        // The remembered file made a #! script (same inode, new ctime): read again, and now left to the kernel.
        Files.writeString(plain, "#!/bin/sh\ntouch x\n");
        assertThat(heads.find(identity(heads, plain))).isEqualTo(ScriptWithoutInterpreter.Heads.UNKNOWN);
        assertThat(ScriptWithoutInterpreter.shellArgv(plain.toString(), argv, heads)).isNull();
        // Another file renamed onto the remembered name: another object, decided on its own head.
        Path other = Files.writeString(tmp.resolve("other"), "#!/bin/sh\n");
        Path elf = tmp.resolve("elf");
        Files.copy(Path.of("/bin/ls").toRealPath(), elf);
        Thread.sleep(KnownObjects.SETTLED_NANOS / 1_000_000L + 200);
        assertThat(ScriptWithoutInterpreter.shellArgv(elf.toString(), argv, heads)).isNull();
        assertThat(heads.find(identity(heads, elf))).isEqualTo(ScriptWithoutInterpreter.Heads.RUNNABLE);
        Files.write(other, "not a script\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.move(other, elf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(ScriptWithoutInterpreter.shellArgv(elf.toString(), argv, heads)).isNotNull();
    }

    private static dev.agentguard.bootstrap.ObjectId identity(ScriptWithoutInterpreter.Heads heads, Path file)
            throws Exception {
        dev.agentguard.bootstrap.ObjectId id = heads.identify(
                Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class));
        assertThat(id).as("the identity of " + file + " (sun.nio.fs opened to the tests)").isNotNull();
        return id;
    }
}
