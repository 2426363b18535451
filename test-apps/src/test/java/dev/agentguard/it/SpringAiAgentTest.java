package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Spring Boot 3.5 + Spring AI 1.1 agent (frameworks' {@code SpringAiAgent}: a {@code ChatClient} with a
 * {@code @Tool} that reads a file, its key resolved by Spring from {@code ${OPENAI_API_KEY}}) against a
 * fake OpenAI server on loopback, on the user's path ({@link UserPath}): audit, suggest, check, enforce twice
 * with no denial, and the injected read of the SSH key blocked.
 */
class SpringAiAgentTest {
    private static final String MAIN = "dev.agentguard.frameworks.springai.SpringAiAgent";
    private static final String API_KEY = "sk-user-path-0123456789abcdefghij";

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void auditSuggestEnforce(int jdk) throws Exception {
        UserPath path = new UserPath(jdk, dir);
        ScriptedTask model = new ScriptedTask();
        String policy;
        try (RecordingHttpServer llm = new RecordingHttpServer(model)) {
            policy = path.walk("spring-ai", (agentArgs, injected, seen) -> {
                List<ScriptedTask.Call> calls = new ArrayList<>(List.of(ScriptedTask.readFile("notes.txt")));
                if (injected) {
                    calls.add(ScriptedTask.readFile("~/.ssh/id_rsa"));
                }
                model.next(calls);
                int before = llm.requests().size();
                ChildJvm.Result r = ChildJvm.on(jdk).agent(agentArgs).workdir(path.work).timeout(180)
                        .classPath(FrameworkAgents.classPath())
                        .env("HOME", path.home.toString()).env("OPENAI_API_KEY", API_KEY)
                        .option("-Duser.home=" + path.home)
                        .run(MAIN, "--spring.ai.openai.base-url=http://127.0.0.1:" + llm.port(),
                                "--agent.task=Read notes.txt and tell me when the release ships.");
                List<RecordingHttpServer.Request> requests = llm.requests().subList(before, llm.requests().size());
                assertThat(r.stdout()).as(r.toString()).contains("answer: " + ScriptedTask.ANSWER);
                assertThat(requests).as(r.toString()).hasSize(calls.size() + 1)
                        .allSatisfy(q -> assertThat(q.headers().get("Authorization"))
                                .as("Spring resolved ${OPENAI_API_KEY}").containsExactly("Bearer " + API_KEY));
                StringBuilder text = new StringBuilder();
                requests.forEach(q -> text.append(q.body()).append('\n'));
                assertThat(text).as("the tool read the notes").contains("Release 2.4 ships on Friday.");
                seen[0] = text.toString();
                return r;
            });
        }
        assertThat(policy).contains("OPENAI_API_KEY");
    }
}
