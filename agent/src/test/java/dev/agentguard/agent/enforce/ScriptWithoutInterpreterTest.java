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
}
