package dev.agentguard.policy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs are JVM launchers: {@code HOME/bin/NAME} beside a {@code HOME/lib/modules} file. */
class JvmLaunchersTest {
    @TempDir
    Path tmp;

    @Test
    void aLauncherIsFoundByItsRuntimeImageAndAnyOtherPathAnswersAsTheFileFormDid() throws Exception {
        Path home = tmp.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/modules"), "");
        Path notHome = tmp.resolve("other");
        Files.createDirectories(notHome.resolve("bin"));
        Files.createDirectories(notHome.resolve("lib/modules")); // a folder, not the image's file
        String jdk = home.toString();
        assertThat(JvmLaunchers.launcherName(jdk + "/bin/java")).isEqualTo("java");
        assertThat(JvmLaunchers.launcherName(jdk + "/bin/jshell")).isEqualTo("jshell");
        assertThat(JvmLaunchers.launcherName(System.getProperty("java.home") + "/bin/java")).isEqualTo("java");
        String[] paths = {jdk + "/bin/java", jdk + "//bin/java", jdk + "/bin//java", jdk + "/bin/java/", jdk + "/xbin/java",
            jdk + "/bin", jdk + "/java", notHome + "/bin/java", "/bin/true", "/usr/bin/true", "/bin", "/", "/java",
            "bin/java", "java", "", jdk + "/bin/../bin/java", jdk + "/bin/./java"};
        for (String path : paths) {
            assertThat(JvmLaunchers.launcherName(path)).as(path).isEqualTo(byFiles(path));
        }
        assertThat(JvmLaunchers.launcherName(notHome + "/bin/java")).isNull();
        assertThat(JvmLaunchers.launcherName("/bin/true")).isEqualTo(byFiles("/bin/true"));
    }

    /** The answer as the File form worked it out (the form kept for paths that are not plain). */
    private static String byFiles(String realProgram) {
        File program = new File(realProgram);
        File bin = program.getParentFile();
        if (bin == null || !bin.getName().equals("bin") || bin.getParentFile() == null) {
            return null;
        }
        return new File(bin.getParentFile(), "lib/modules").isFile() ? program.getName() : null;
    }
}
