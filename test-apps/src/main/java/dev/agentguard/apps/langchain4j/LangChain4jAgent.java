package dev.agentguard.apps.langchain4j;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.time.Duration;

/**
 * A LangChain4j agent: an {@link AiServices} assistant over the OpenAI chat-completions API with the six
 * {@link AgentTools}. Arguments: the API base URL and the task. The API key comes from the system property
 * {@code agent.llm.key}, not from the environment, so that the key the agent needs is not a variable the
 * policy must let every tool read. Prints the model's final answer; exit 0 when the chat call returned.
 */
public final class LangChain4jAgent {
    private static final int MAX_TOOL_ROUND_TRIPS = 30;

    private LangChain4jAgent() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LangChain4jAgent BASE_URL TASK");
            System.exit(2);
        }
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(args[0])
                .apiKey(System.getProperty("agent.llm.key", "no-key"))
                .modelName("scripted-model")
                .timeout(Duration.ofSeconds(20))
                // One request per model turn: a retry would replay a turn against the scripted server.
                .maxRetries(0)
                .build();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(new AgentTools())
                .maxSequentialToolsInvocations(MAX_TOOL_ROUND_TRIPS)
                .build();
        System.out.println("answer: " + assistant.chat(args[1]));
    }
}
