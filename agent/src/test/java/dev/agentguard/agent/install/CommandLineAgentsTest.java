package dev.agentguard.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineAgentsTest {
    private static List<Path> agents(String... args) {
        return CommandLineAgents.parse((String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
    }

    @Test
    void theLaunchersAgentOptionsInOrderWithoutTheirOptions() {
        assertThat(agents("java", "-javaagent:/a/guard.jar=policy.yaml", "-Xmx1g", "-javaagent:/b/other.jar",
                "-cp", "app.jar", "Main"))
                .containsExactly(Path.of("/a/guard.jar"), Path.of("/b/other.jar"));
    }

    @Test
    void anApplicationArgumentThatLooksLikeAnAgentIsNotOne() {
        assertThat(agents("java", "-cp", "app.jar", "Main", "-javaagent:/a/guard.jar")).isEmpty();
        assertThat(agents("java", "-jar", "app.jar", "-javaagent:/a/guard.jar")).isEmpty();
        assertThat(agents("java", "-m", "app/app.Main", "-javaagent:/a/guard.jar")).isEmpty();
        assertThat(agents("java", "--module=app/app.Main", "-javaagent:/a/guard.jar")).isEmpty();
    }

    @Test
    void anOptionsValueIsNotTheMainClassNorAnAgent() {
        assertThat(agents("java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-javaagent:/a/guard.jar",
                "-classpath", "-javaagent:/b/not-an-agent.jar", "Main"))
                .containsExactly(Path.of("/a/guard.jar"));
    }

    @Test
    void aRelativeAgentIsMadeAbsolute() {
        assertThat(agents("java", "-javaagent:guard.jar", "Main"))
                .containsExactly(Path.of("guard.jar").toAbsolutePath());
    }

    @Test
    void thisJvmsCommandLineIsReadable() {
        assertThat(CommandLineAgents.jars()).isNotNull();
    }
}
