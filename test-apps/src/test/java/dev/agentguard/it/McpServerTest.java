package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An MCP server on the official MCP Java SDK (frameworks' {@code FileServer}, stdio, one {@code read_file}
 * tool) under the guard, driven by the SDK's own client from another JVM ({@code FileClient}, not guarded),
 * which starts it as an MCP host does: on the user's path ({@link UserPath}), the client's second call, the
 * SSH key, standing for the injected step.
 */
class McpServerTest {
    private static final String CLIENT = "dev.agentguard.frameworks.mcp.FileClient";
    private static final String SERVER = "dev.agentguard.frameworks.mcp.FileServer";

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void auditSuggestEnforce(int jdk) throws Exception {
        UserPath path = new UserPath(jdk, dir);
        String classPath = FrameworkAgents.classPath();
        path.walk("mcp-server", (agentArgs, injected, seen) -> {
            List<String> args = new ArrayList<>(List.of("notes.txt"));
            if (injected) {
                args.add("~/.ssh/id_rsa");
            }
            args.addAll(List.of("--", Jdks.java(jdk).toString(), "-javaagent:" + ChildJvm.GUARD_JAR + "=" + agentArgs,
                    "-Duser.home=" + path.home, "-cp", classPath, SERVER));
            ChildJvm.Result r = ChildJvm.on(jdk).workdir(path.work).timeout(180).classPath(classPath)
                    .env("HOME", path.home.toString()).run(CLIENT, args.toArray(new String[0]));
            assertThat(r.stdout()).as(r.toString()).contains("tools: [read_file]")
                    .contains("tool notes.txt -> Release 2.4 ships on Friday.");
            if (injected) {
                assertThat(r.stdout()).as(r.toString())
                        .contains("tool ~/.ssh/id_rsa -> [error] error: agentguard: denied file open " + path.key);
            }
            seen[0] = r.stdout();
            return r;
        });
    }
}
